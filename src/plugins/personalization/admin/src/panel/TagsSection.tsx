import { useState } from 'react';
import {
  Badge,
  Box,
  Button,
  Flex,
  IconButton,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { ArrowClockwise, Check, Cross, Plus } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { getEntryTags, usePluginApi } from '../api';
import { TAG_TYPE_NAMES, type EntryTag, type TagTypeName } from '../../../shared/contracts/tags';
import { Loading } from '../components/Loading';
import { useLoad } from '../hooks/useLoad';
import { useT } from '../hooks/useT';
import { errorMessage } from '../utils/errorMessage';
import { groupTags } from './groupTags';

interface Props {
  uid: string;
  documentId: string;
  canManage: boolean;
}

const STATUS_COLORS: Record<EntryTag['status'], [string, string]> = {
  accepted: ['success100', 'success700'],
  rejected: ['danger100', 'danger700'],
  suggested: ['neutral150', 'neutral700'],
};

/** The entry's tags by type with confidence; accept, reject, add, and re-tag. */
export const TagsSection = ({ uid, documentId, canManage }: Props) => {
  const t = useT();
  const api = usePluginApi();
  const { toggleNotification } = useNotification();
  const { state, reload } = useLoad(getEntryTags(uid, documentId));
  const [label, setLabel] = useState('');
  const [type, setType] = useState<TagTypeName>('KEYWORD');

  const call = async (request: () => Promise<void>, success: string) => {
    try {
      await request();
      toggleNotification({ type: 'success', message: success });
      reload();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };
  const decide = (tag: EntryTag, decision: 'accept' | 'reject') =>
    call(
      () =>
        api.decideTag(uid, documentId, decision, { data: { label: tag.label, type: tag.type } }),
      t(`panel.tags.${decision}ed`, { label: tag.label })
    );

  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="panel-tags">
      <Flex justifyContent="space-between">
        <Typography variant="sigma" tag="h3">
          {t('panel.tags')}
        </Typography>
        <IconButton label={t('panel.refresh')} variant="ghost" onClick={reload}>
          <ArrowClockwise />
        </IconButton>
      </Flex>
      <Loading state={state}>
        {(entry) => (
          <Flex direction="column" alignItems="stretch" gap={2}>
            {entry.state === 'pending' && <Typography>{t('panel.tags.pending')}</Typography>}
            {entry.state === 'tagged' && entry.tags.length === 0 && (
              <Typography>{t('panel.tags.none')}</Typography>
            )}
            {groupTags(entry.tags).map(([group, tags]) => (
              <Box key={group}>
                <Typography variant="pi" fontWeight="bold" textColor="neutral600">
                  {t(`tagTypes.${group}`)}
                </Typography>
                {tags.map((tag) => (
                  <Flex key={`${tag.type}:${tag.label}`} gap={1} paddingTop={1}>
                    <Box flex="1" minWidth={0}>
                      <Typography
                        variant="omega"
                        ellipsis
                        title={tag.label}
                        textDecoration={tag.status === 'rejected' ? 'line-through' : undefined}
                      >
                        {tag.label}
                      </Typography>
                    </Box>
                    <Typography variant="pi" textColor="neutral500">
                      {Math.round(tag.confidence * 100)}%
                    </Typography>
                    {tag.status !== 'suggested' && (
                      <Badge
                        size="S"
                        backgroundColor={STATUS_COLORS[tag.status][0]}
                        textColor={STATUS_COLORS[tag.status][1]}
                      >
                        {t(`panel.tags.status.${tag.status}`)}
                      </Badge>
                    )}
                    {canManage && tag.status !== 'accepted' && (
                      <IconButton
                        size="XS"
                        variant="ghost"
                        label={t('panel.tags.accept', { label: tag.label })}
                        onClick={() => decide(tag, 'accept')}
                      >
                        <Check />
                      </IconButton>
                    )}
                    {canManage && tag.status !== 'rejected' && (
                      <IconButton
                        size="XS"
                        variant="ghost"
                        label={t('panel.tags.reject', { label: tag.label })}
                        onClick={() => decide(tag, 'reject')}
                      >
                        <Cross />
                      </IconButton>
                    )}
                  </Flex>
                ))}
              </Box>
            ))}
          </Flex>
        )}
      </Loading>
      {canManage && (
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
      )}
    </Flex>
  );
};
