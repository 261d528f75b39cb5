import { Flex, Typography } from '@strapi/design-system';
import type { ClusteringRunRecord } from '../../../../shared/contracts/audience';
import { column, DataTable } from '../../components/DataTable';
import { useT } from '../../hooks/useT';

const runColumn = column<ClusteringRunRecord>;

const decimal = (value: number | null): string => (value === null ? '–' : value.toFixed(3));

/** Each clustering run: k, profiles, silhouette, ARI against the run before, segment sizes. */
export const ClusteringRunsTable = ({ runs }: { runs: ClusteringRunRecord[] }) => {
  const t = useT();
  return (
    <DataTable
      rows={runs}
      rowKey={(entry) => String(entry.id)}
      empty={t('audience.clustering.empty')}
      columns={[
        runColumn('ranAt', t('audience.clustering.ranAt'), (entry) =>
          new Date(entry.ranAt).toLocaleString()
        ),
        runColumn('k', 'k', (entry) => String(entry.k)),
        runColumn('profiles', t('audience.clustering.profiles'), (entry) => String(entry.profiles)),
        runColumn('silhouette', t('audience.clustering.silhouette'), (entry) =>
          decimal(entry.silhouette)
        ),
        {
          key: 'ari',
          label: t('audience.clustering.ari'),
          render: (entry) => (
            <Typography data-ari={entry.id}>
              {decimal(entry.ari)}
              {entry.ari !== null
                ? ` (${t('audience.clustering.compared', { count: entry.compared })})`
                : ''}
            </Typography>
          ),
        },
        {
          key: 'sizes',
          label: t('audience.clustering.sizes'),
          render: (entry) => (
            <Flex gap={2} wrap="wrap">
              {Object.entries(entry.sizes).map(([segment, size]) => (
                <Typography key={segment} variant="pi">
                  {segment}: {size}
                </Typography>
              ))}
            </Flex>
          ),
        },
      ]}
    />
  );
};
