import { Badge, Button, Flex, Link, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { listExperiments } from '../../api';
import type { ExperimentRecord } from '../../../../shared/contracts/experiment-records';
import { PERMISSIONS } from '../../../../shared/contracts/permissions';
import { DataTable } from '../../components/DataTable';
import { Loading } from '../../components/Loading';
import { useCan } from '../../hooks/useCan';
import { useLoad } from '../../hooks/useLoad';
import { useT } from '../../hooks/useT';
import { pagePath } from '../../pluginPaths';
import { StatusBadge } from './StatusBadge';

const metricLabel = (experiment: ExperimentRecord) =>
  `${experiment.primaryMetric.name} (${experiment.primaryMetric.kind})`;

/** Every experiment with its state; the name opens the editor, "Results" the dashboard, "Bandit" a bandit's weights. */
export const ExperimentsPage = () => {
  const t = useT();
  const navigate = useNavigate();
  const canManage = useCan(PERMISSIONS.experimentsManage).allowed;
  const { state } = useLoad(listExperiments());
  return (
    <Page.Main>
      <Page.Title>{t('experiments.title')}</Page.Title>
      <Layouts.Header
        title={t('experiments.title')}
        subtitle={t('experiments.subtitle')}
        primaryAction={
          canManage ? (
            <Button startIcon={<Plus />} onClick={() => navigate(pagePath('experiments', 'new'))}>
              {t('experiments.create')}
            </Button>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Loading state={state}>
          {(experiments) => (
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
                        <Link
                          tag={RouterLink}
                          to={pagePath('experiments', experiment.name, 'results')}
                        >
                          {t('experiments.results')}
                        </Link>
                        {experiment.mode === 'bandit' && (
                          <Link
                            tag={RouterLink}
                            to={pagePath('experiments', experiment.name, 'bandit')}
                          >
                            {t('bandit.link')}
                          </Link>
                        )}
                      </Flex>
                    ),
                },
              ]}
            />
          )}
        </Loading>
      </Layouts.Content>
    </Page.Main>
  );
};
