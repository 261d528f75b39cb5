import { Badge, Box, Flex, IconButton, Typography } from '@strapi/design-system';
import { Check, Cross } from '@strapi/icons';
import type { EntryTag } from '../../../shared/contracts/tags';
import { useT } from '../hooks/useT';

const STATUS_COLORS: Record<EntryTag['status'], [string, string]> = {
  accepted: ['success100', 'success700'],
  rejected: ['danger100', 'danger700'],
  suggested: ['neutral150', 'neutral700'],
};

/** One tag: label, confidence, status, and accept/reject for managers. */
export const TagRow = ({
  tag,
  canManage,
  decide,
}: {
  tag: EntryTag;
  canManage: boolean;
  decide: (tag: EntryTag, decision: 'accept' | 'reject') => void;
}) => {
  const t = useT();
  return (
    <Flex gap={1} paddingTop={1}>
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
  );
};
