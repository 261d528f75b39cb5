import { useState } from 'react';
import { Button, Flex, Typography } from '@strapi/design-system';
import { Play } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { listClusteringRuns, usePluginApi } from '../../api';
import { PERMISSIONS } from '../../../../shared/contracts/permissions';
import { DataTable } from '../../components/DataTable';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import { useCan } from '../../hooks/useCan';
import { useLoad } from '../../hooks/useLoad';
import { useT } from '../../hooks/useT';
import { errorMessage } from '../../utils/errorMessage';

const decimal = (value: number | null): string => (value === null ? '–' : value.toFixed(3));

/** K-Means segments: each run's k, sizes, silhouette and ARI against the run before. */
export const ClusteringSection = () => {
  const t = useT();
  const api = usePluginApi();
  const { toggleNotification } = useNotification();
  const canManage = useCan(PERMISSIONS.audienceManage).allowed;
  const { state, reload } = useLoad(listClusteringRuns());
  const [running, setRunning] = useState(false);

  const run = async () => {
    setRunning(true);
    try {
      const outcome = await api.runClustering();
      if ('skipped' in outcome) {
        toggleNotification({
          type: 'info',
          message: t('audience.clustering.skipped', { reason: outcome.skipped }),
        });
      }
      reload();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setRunning(false);
    }
  };

  return (
    <Section
      title={t('audience.clustering.title')}
      actions={
        canManage ? (
          <Button startIcon={<Play />} onClick={run} loading={running}>
            {t('audience.clustering.run')}
          </Button>
        ) : undefined
      }
    >
      <Typography textColor="neutral600">{t('audience.clustering.about')}</Typography>
      <Loading state={state}>
        {(runs) => (
          <DataTable
            rows={runs}
            rowKey={(entry) => String(entry.id)}
            empty={t('audience.clustering.empty')}
            columns={[
              {
                key: 'ranAt',
                label: t('audience.clustering.ranAt'),
                render: (entry) => new Date(entry.ranAt).toLocaleString(),
              },
              { key: 'k', label: 'k', render: (entry) => String(entry.k) },
              {
                key: 'profiles',
                label: t('audience.clustering.profiles'),
                render: (entry) => String(entry.profiles),
              },
              {
                key: 'silhouette',
                label: t('audience.clustering.silhouette'),
                render: (entry) => decimal(entry.silhouette),
              },
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
        )}
      </Loading>
    </Section>
  );
};
