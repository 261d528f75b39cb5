import { Box, Flex, IconButton, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { getEntryTags, usePluginApi } from '../api';
import { type EntryTag } from '../../../shared/contracts/tags';
import { Loading } from '../components/Loading';
import { useLoad } from '../hooks/useLoad';
import { useT } from '../hooks/useT';
import { errorMessage } from '../utils/errorMessage';
import { groupTags } from './groupTags';
import { TagManageControls } from './TagManageControls';
import { TagRow } from './TagRow';

interface Props {
  uid: string;
  documentId: string;
  canManage: boolean;
}

/** The entry's tags by type with confidence; accept, reject, add, and re-tag. */
export const TagsSection = ({ uid, documentId, canManage }: Props) => {
  const t = useT();
  const api = usePluginApi();
  const { toggleNotification } = useNotification();
  const { state, reload } = useLoad(getEntryTags(uid, documentId));

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
                  <TagRow
                    key={`${tag.type}:${tag.label}`}
                    tag={tag}
                    canManage={canManage}
                    decide={decide}
                  />
                ))}
              </Box>
            ))}
          </Flex>
        )}
      </Loading>
      {canManage && <TagManageControls uid={uid} documentId={documentId} call={call} />}
    </Flex>
  );
};
