import { Badge, Flex, Link, Typography } from '@strapi/design-system';
import { Link as RouterLink } from 'react-router-dom';
import type { ExperimentRecord } from '../../../../shared/contracts/experiment-records';
import { DataTable } from '../../components/DataTable';
import { useT } from '../../hooks/useT';
import { pagePath } from '../../pluginPaths';
import { StatusBadge } from './StatusBadge';

const metricLabel = (experiment: ExperimentRecord) =>
  `${experiment.primaryMetric.name} (${experiment.primaryMetric.kind})`;

/** The experiments with their status, type, arms and primary metric. */
export const ExperimentsTable = ({ experiments }: { experiments: ExperimentRecord[] }) => {
  const t = useT();
  return (
    <DataTable
      rows={experiments}
      rowKey={(experiment) => experiment.name}
      empty={t('experiments.empty')}
      columns={[
        {
          key: 'name',
          label: t('experiments.name'),
          render: (experiment) => (
            <Link tag={RouterLink} to={pagePath('experiments', experiment.name)}>
              {experiment.name}
            </Link>
          ),
        },
        {
          key: 'status',
          label: t('experiments.status'),
          render: (experiment) => <StatusBadge experiment={experiment} />,
        },
        {
          key: 'contentType',
          label: t('experiments.contentType'),
          render: (experiment) => <Typography>{experiment.contentType}</Typography>,
        },
        {
          key: 'arms',
          label: t('experiments.arms'),
          render: (experiment) => (
            <Typography>
              {experiment.arms.map((arm) => `${arm.name} ×${arm.weight}`).join(', ')}
            </Typography>
          ),
        },
        {
          key: 'metric',
          label: t('experiments.primaryMetric'),
          render: (experiment) => <Typography>{metricLabel(experiment)}</Typography>,
        },
        {
          key: 'results',
          label: t('experiments.results'),
          render: (experiment) =>
            experiment.status === 'draft' ? (
              <Badge>{t('experiments.notStarted')}</Badge>
            ) : (
              <Flex gap={3}>
                <Link tag={RouterLink} to={pagePath('experiments', experiment.name, 'results')}>
                  {t('experiments.results')}
                </Link>
                {experiment.mode === 'bandit' && (
                  <Link tag={RouterLink} to={pagePath('experiments', experiment.name, 'bandit')}>
                    {t('bandit.link')}
                  </Link>
                )}
              </Flex>
            ),
        },
      ]}
    />
  );
};
