import { useState } from 'react';
import { Button, Flex, SingleSelect, SingleSelectOption, TextInput } from '@strapi/design-system';
import { ArrowClockwise, Plus } from '@strapi/icons';
import { TAG_TYPE_NAMES, type TagTypeName } from '../../../shared/contracts/tags';
import { usePluginApi } from '../api';
import { useT } from '../hooks/useT';

/** Add a tag (label and type), and queue the entry or its whole type for tagging again. */
export const TagManageControls = ({
  uid,
  documentId,
  call,
}: {
  uid: string;
  documentId: string;
  /** Runs a request, notifies `success` or the failure, and reloads the tags. */
  call: (request: () => Promise<void>, success: string) => Promise<void>;
}) => {
  const t = useT();
  const api = usePluginApi();
  const [label, setLabel] = useState('');
  const [type, setType] = useState<TagTypeName>('KEYWORD');
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <TextInput
        aria-label={t('panel.tags.newLabel')}
        placeholder={t('panel.tags.newLabel')}
        size="S"
        value={label}
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => setLabel(event.target.value)}
      />
      <Flex gap={2}>
        <SingleSelect
          aria-label={t('panel.tags.newType')}
          size="S"
          value={type}
          onChange={(value) => setType(String(value) as TagTypeName)}
        >
          {TAG_TYPE_NAMES.map((name) => (
            <SingleSelectOption key={name} value={name}>
              {t(`tagTypes.${name}`)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
        <Button
          size="S"
          variant="secondary"
          startIcon={<Plus />}
          disabled={label.trim() === ''}
          onClick={async () => {
            await call(
              () => api.addTag(uid, documentId, { data: { label: label.trim(), type } }),
              t('panel.tags.added', { label: label.trim() })
            );
            setLabel('');
          }}
        >
          {t('panel.tags.add')}
        </Button>
      </Flex>
      <Flex gap={2} wrap="wrap">
        <Button
          size="S"
          variant="tertiary"
          startIcon={<ArrowClockwise />}
          onClick={() => call(() => api.retag(uid, documentId), t('panel.retag.entryQueued'))}
        >
          {t('panel.retag.entry')}
        </Button>
        <Button
          size="S"
          variant="tertiary"
          onClick={() => call(() => api.retag(uid), t('panel.retag.typeQueued'))}
        >
          {t('panel.retag.type')}
        </Button>
      </Flex>
    </Flex>
  );
};
