import { Badge, Button, Flex, Typography } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { DataTable } from '../../components/DataTable';
import { useT } from '../../hooks/useT';
import type { SegmentRecord } from '../../../../shared/contracts/audience';

/** The segments with condition, size and state; delete for managers. */
export const SegmentsTable = ({
  segments,
  canManage,
  remove,
}: {
  segments: SegmentRecord[];
  canManage: boolean;
  remove: (name: string) => void;
}) => {
  const t = useT();
  return (
    <DataTable
      rows={segments}
      rowKey={(segment) => segment.name}
      empty={t('audience.segments.empty')}
      columns={[
        {
          key: 'name',
          label: t('audience.segments.name'),
          render: (segment) => (
            <Flex direction="column" alignItems="start">
              <Typography fontWeight="bold">{segment.name}</Typography>
              <Typography variant="pi" textColor="neutral600">
                {segment.description ?? ''}
              </Typography>
            </Flex>
          ),
        },
        {
          key: 'enabled',
          label: t('audience.segments.enabled'),
          render: (segment) => (
            <Badge
              backgroundColor={segment.enabled ? 'success100' : 'neutral150'}
              textColor={segment.enabled ? 'success700' : 'neutral700'}
            >
              {segment.enabled ? t('flags.on') : t('flags.off')}
            </Badge>
          ),
        },
        {
          key: 'members',
          label: t('audience.segments.members'),
          render: (segment) => (
            <Typography data-segment-members={segment.name}>{segment.members}</Typography>
          ),
        },
        {
          key: 'condition',
          label: t('audience.segments.condition'),
          render: (segment) => (
            <Typography
              variant="pi"
              tag="code"
              style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
            >
              {JSON.stringify(segment.condition, null, 1)}
            </Typography>
          ),
        },
        {
          key: 'actions',
          label: t('versions.actions'),
          render: (segment) =>
            canManage ? (
              <Button
                variant="danger-light"
                size="S"
                startIcon={<Trash />}
                onClick={() => remove(segment.name)}
              >
                {t('common.delete')}
              </Button>
            ) : null,
        },
      ]}
    />
  );
};
