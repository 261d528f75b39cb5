import { Button, Typography } from '@strapi/design-system';
import { Play } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { listClusteringRuns, usePluginApi } from '../../api';
import { PERMISSIONS } from '../../../../shared/contracts/permissions';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import { useCan } from '../../hooks/useCan';
import { useLoad } from '../../hooks/useLoad';
import { useRunNow } from '../../hooks/useRunNow';
import { useT } from '../../hooks/useT';
import { ClusteringRunsTable } from './ClusteringRunsTable';

/** K-Means segments: each run's k, sizes, silhouette and ARI against the run before. */
export const ClusteringSection = () => {
  const t = useT();
  const api = usePluginApi();
  const { toggleNotification } = useNotification();
  const canManage = useCan(PERMISSIONS.audienceManage).allowed;
  const { state, reload } = useLoad(listClusteringRuns());
  const { running, run } = useRunNow(async () => {
    const outcome = await api.runClustering();
    if ('skipped' in outcome) {
      toggleNotification({
        type: 'info',
        message: t('audience.clustering.skipped', { reason: outcome.skipped }),
      });
    }
  }, reload);

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
      <Loading state={state}>{(runs) => <ClusteringRunsTable runs={runs} />}</Loading>
    </Section>
  );
};
