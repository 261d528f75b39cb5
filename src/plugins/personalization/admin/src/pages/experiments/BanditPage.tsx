import { Button, Flex, Typography } from '@strapi/design-system';
import { ArrowClockwise, ArrowsCounterClockwise } from '@strapi/icons';
import { BackButton, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { getBanditReport, getExperiment, usePluginApi } from '../../api';
import { useParams } from 'react-router-dom';
import { PERMISSIONS } from '../../../../shared/contracts/permissions';
import { Loading } from '../../components/Loading';
import { useCan } from '../../hooks/useCan';
import { useLoad } from '../../hooks/useLoad';
import { useRunNow } from '../../hooks/useRunNow';
import { useT } from '../../hooks/useT';
import { pagePath } from '../../pluginPaths';
import { BanditScopeView } from './BanditScopeView';
import { armsOf } from './banditView';
import { statusLine } from './StatusBadge';

/** A bandit experiment's allocation: per scope its weights, probabilities, posteriors and history. */
export const BanditPage = () => {
  const { name = '' } = useParams<{ name: string }>();
  const t = useT();
  const api = usePluginApi();
  const { toggleNotification } = useNotification();
  const canManage = useCan(PERMISSIONS.experimentsManage).allowed;
  const experiment = useLoad(getExperiment(name));
  const bandit = useLoad(getBanditReport(name));
  const { running: reweighting, run: reweight } = useRunNow(async () => {
    await api.reweightBandit(name);
    toggleNotification({ type: 'success', message: t('bandit.reweighted') });
  }, bandit.reload);

  const title = t('bandit.title', { name });
  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Loading state={experiment.state}>
        {(record) => (
          <>
            <Layouts.Header
              title={title}
              subtitle={statusLine(t, record)}
              navigationAction={<BackButton fallback={pagePath('experiments', name)} />}
              primaryAction={
                canManage && record.status === 'running' ? (
                  <Button
                    startIcon={<ArrowsCounterClockwise />}
                    onClick={reweight}
                    loading={reweighting}
                    data-testid="reweight-button"
                  >
                    {t('bandit.reweightNow')}
                  </Button>
                ) : undefined
              }
              secondaryAction={
                <Button variant="tertiary" startIcon={<ArrowClockwise />} onClick={bandit.reload}>
                  {t('experiments.results.refresh')}
                </Button>
              }
            />
            <Layouts.Content>
              <Loading state={bandit.state}>
                {(report) => {
                  const arms = armsOf(report, record.plan);
                  return (
                    <Flex direction="column" alignItems="stretch" gap={6}>
                      <Typography textColor="neutral600" data-testid="bandit-summary">
                        {t('bandit.summary', {
                          metric: report.metric,
                          phase: report.phase,
                          reweights: report.reweights.length,
                        })}
                      </Typography>
                      {report.scopes.map((scope) => (
                        <BanditScopeView
                          key={scope.segment}
                          scope={scope}
                          arms={arms}
                          plan={record.plan}
                          reweights={report.reweights}
                          phase={report.phase}
                        />
                      ))}
                    </Flex>
                  );
                }}
              </Loading>
            </Layouts.Content>
          </>
        )}
      </Loading>
    </Page.Main>
  );
};
