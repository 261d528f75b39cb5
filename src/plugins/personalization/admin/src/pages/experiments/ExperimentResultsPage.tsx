import { useState } from 'react';
import { Alert, Box, Button, Dialog, Flex, Typography } from '@strapi/design-system';
import { ArrowClockwise, ChartBubble, Rocket, Stop } from '@strapi/icons';
import { BackButton, ConfirmDialog, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useNavigate, useParams } from 'react-router-dom';
import { getExperimentResults, usePluginApi } from '../../api';
import type { ExperimentResults } from '../../../../shared/contracts/experiments';
import { PERMISSIONS } from '../../../../shared/contracts/permissions';
import { SelectField } from '../../components/form/fields';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import { useCan } from '../../hooks/useCan';
import { useLoad } from '../../hooks/useLoad';
import { useT } from '../../hooks/useT';
import { pagePath } from '../../pluginPaths';
import { errorMessage } from '../../utils/errorMessage';
import { ExposureChart } from './ExposureChart';
import { MetricResultView } from './MetricResultView';
import { PlanSummary } from './PlanSummary';
import { formatPValue, RECOMMENDATION_TONE, shipState } from './resultsView';
import { statusLine } from './StatusBadge';

/** The dashboard of one experiment: frozen plan, SRM, recommendation, metrics and decisions. */
export const ExperimentResultsPage = () => {
  const { name = '' } = useParams<{ name: string }>();
  const { state, reload } = useLoad(getExperimentResults(name));
  return (
    <Loading state={state}>
      {(results) => <ResultsView name={name} results={results} reload={reload} />}
    </Loading>
  );
};

const ResultsView = ({
  name,
  results,
  reload,
}: {
  name: string;
  results: ExperimentResults;
  reload: () => void;
}) => {
  const t = useT();
  const api = usePluginApi();
  const { toggleNotification } = useNotification();
  const canManage = useCan(PERMISSIONS.experimentsManage).allowed;
  const ship = shipState(results);
  const variantArms = results.exposures.perArm
    .map((arm) => arm.arm)
    .filter((arm) => arm !== 'base');
  const [shipArm, setShipArm] = useState(ship.arm ?? variantArms[0] ?? '');
  const running = results.experiment.status === 'running';
  const { mode } = results.experiment;
  const navigate = useNavigate();
  const { recommendation, srm, power } = results;

  /** Runs a decision; its answer is the success message. */
  const decide = async (action: () => Promise<string>) => {
    try {
      const message = await action();
      toggleNotification({ type: 'success', message });
      reload();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };

  return (
    <Page.Main>
      <Page.Title>{t('experiments.results.title', { name })}</Page.Title>
      <Layouts.Header
        title={t('experiments.results.title', { name })}
        subtitle={statusLine(t, results.experiment)}
        navigationAction={<BackButton fallback={pagePath('experiments', name)} />}
        primaryAction={
          <Flex gap={2}>
            <Button variant="tertiary" startIcon={<ArrowClockwise />} onClick={reload}>
              {t('experiments.results.refresh')}
            </Button>
            {mode === 'bandit' && (
              <Button
                variant="secondary"
                startIcon={<ChartBubble />}
                onClick={() => navigate(pagePath('experiments', name, 'bandit'))}
              >
                {t('bandit.link')}
              </Button>
            )}
            {canManage && running && (
              <Dialog.Root>
                <Dialog.Trigger>
                  <Button variant="danger-light" startIcon={<Stop />}>
                    {t('experiments.results.stopKeepBase')}
                  </Button>
                </Dialog.Trigger>
                <ConfirmDialog
                  title={t('experiments.results.stopKeepBase')}
                  variant="danger"
                  onConfirm={() =>
                    decide(async () => {
                      await api.stopExperiment(name, { decision: 'keep-base' });
                      return t('experiments.results.stopped');
                    })
                  }
                >
                  {t('experiments.results.stopConfirm')}
                </ConfirmDialog>
              </Dialog.Root>
            )}
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {srm.warning ? (
            <Alert
              variant="danger"
              title={t('experiments.results.srmTitle')}
              closeLabel={t('common.close')}
              data-testid="srm-banner"
              data-srm="mismatch"
            >
              {t('experiments.results.srmWarning', { p: formatPValue(srm.pValue) })}
            </Alert>
          ) : (
            <Alert
              variant="success"
              title={t('experiments.results.srmPassTitle')}
              closeLabel={t('common.close')}
              data-testid="srm-banner"
              data-srm="pass"
            >
              {t('experiments.results.srmPass', { p: formatPValue(srm.pValue) })}
            </Alert>
          )}

          <Section title={t('experiments.results.recommendation')}>
            <Box
              background={`${RECOMMENDATION_TONE[recommendation.action]}100`}
              padding={4}
              hasRadius
              data-testid="recommendation"
            >
              <Typography fontWeight="bold">
                {t(`experiments.results.recommendation.${recommendation.action}`, {
                  arm: recommendation.arm ?? '',
                })}
              </Typography>
              <Typography tag="p">{recommendation.reason}</Typography>
            </Box>
            <Typography textColor="neutral600">
              {t('experiments.results.power', {
                planned: power.plannedPerArm?.toLocaleString('en') ?? '–',
                reached: power.reached === null ? '–' : `${Math.round(power.reached * 100)} %`,
                days: power.expectedDaysLeft === null ? '–' : power.expectedDaysLeft.toFixed(1),
              })}
            </Typography>
            {results.experiment.decision && (
              <Typography data-testid="decision">
                {t('experiments.results.decided', {
                  action: results.experiment.decision.action,
                  arm: results.experiment.decision.arm ?? 'base',
                })}
              </Typography>
            )}
            {canManage && running && (
              <Flex gap={3} alignItems="end">
                <Box style={{ minWidth: 220 }}>
                  <SelectField
                    name="ship-arm"
                    label={t('experiments.results.shipArm')}
                    value={shipArm}
                    onChange={setShipArm}
                    options={variantArms.map((arm) => ({ value: arm, label: arm }))}
                  />
                </Box>
                <Dialog.Root>
                  <Dialog.Trigger>
                    <Button
                      startIcon={<Rocket />}
                      disabled={!ship.allowed || shipArm === ''}
                      data-testid="ship-button"
                    >
                      {t('experiments.results.ship', { arm: shipArm })}
                    </Button>
                  </Dialog.Trigger>
                  <ConfirmDialog
                    title={t('experiments.results.ship', { arm: shipArm })}
                    variant="default"
                    onConfirm={() =>
                      decide(async () => {
                        const { rule } = await api.shipExperiment(name, { arm: shipArm });
                        return t('experiments.results.shipped', { arm: shipArm, rule });
                      })
                    }
                  >
                    {t('experiments.results.shipConfirm', { arm: shipArm })}
                  </ConfirmDialog>
                </Dialog.Root>
                {!ship.allowed && ship.reason && (
                  <Typography textColor="danger600" data-testid="ship-blocked">
                    {t('experiments.results.shipBlocked', { reason: ship.reason })}
                  </Typography>
                )}
              </Flex>
            )}
          </Section>

          {results.plan && (
            <Section title={t('experiments.results.plan', { phase: results.experiment.phase })}>
              <PlanSummary plan={results.plan} />
            </Section>
          )}

          <Section title={t('experiments.results.metrics')}>
            {results.metrics.map((metric) => (
              <MetricResultView key={metric.name} metric={metric} />
            ))}
          </Section>

          <Section title={t('experiments.results.exposures', { total: results.exposures.total })}>
            <Typography textColor="neutral600">
              {results.exposures.perArm
                .map(
                  (arm) =>
                    `${arm.arm}: ${arm.exposures} (${(arm.observedShare * 100).toFixed(1)} %, ${t(
                      'experiments.results.planned'
                    )} ${(arm.expectedShare * 100).toFixed(1)} %)`
                )
                .join(' · ')}
            </Typography>
            <ExposureChart results={results} />
          </Section>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
