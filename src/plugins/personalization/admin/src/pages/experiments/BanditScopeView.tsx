import { Badge, Flex, Typography } from '@strapi/design-system';
import type { ExperimentPlanRecord } from '../../../../shared/contracts/experiment-records';
import { DataTable } from '../../components/DataTable';
import { Section } from '../../components/Section';
import { useT } from '../../hooks/useT';
import { BanditWeightsChart } from './BanditWeightsChart';
import {
  armRows,
  formatShare,
  isGlobalScope,
  leadingArm,
  posteriorLabel,
  weightSeries,
  type BanditReweight,
  type BanditScope,
} from './banditView';

/** One bandit (the global one or a segment's): its arms now, its settings and its weights over time. */
export const BanditScopeView = ({
  scope,
  arms,
  plan,
  reweights,
  phase,
}: {
  scope: BanditScope;
  arms: string[];
  plan: ExperimentPlanRecord | null;
  reweights: BanditReweight[];
  phase: number;
}) => {
  const t = useT();
  const rows = armRows(scope, arms, plan);
  const points = weightSeries({ reweights, phase }, scope.segment, arms, plan);
  const { settings, current } = scope;
  const title = isGlobalScope(scope.segment)
    ? t('bandit.globalScope')
    : t('bandit.segmentScope', { segment: scope.segment });
  return (
    <div data-testid={`bandit-scope-${scope.segment}`} data-leading={leadingArm(rows) ?? ''}>
      <Section
        title={title}
        actions={
          <Badge
            backgroundColor={current?.reweighted ? 'success100' : 'neutral150'}
            textColor={current?.reweighted ? 'success700' : 'neutral700'}
          >
            {current === null
              ? t('bandit.notReweighted')
              : current.reweighted
                ? t('bandit.reweightedAt', {
                    at: current.reweightedAt.replace('T', ' ').slice(0, 19),
                  })
                : t('bandit.burnIn', { burnIn: settings.burnIn })}
          </Badge>
        }
      >
        <Typography textColor="neutral600">
          {t('bandit.settings', {
            cadence: settings.cadenceMinutes,
            burnIn: settings.burnIn,
            floor: formatShare(settings.floor),
            seed: settings.seed,
          })}
        </Typography>
        <DataTable
          rows={rows}
          rowKey={(row) => row.arm}
          empty={t('bandit.noArms')}
          columns={[
            {
              key: 'arm',
              label: t('experiments.results.arm'),
              render: (row) => <Typography fontWeight="bold">{row.arm}</Typography>,
            },
            {
              key: 'weight',
              label: t('bandit.weight'),
              render: (row) => (
                <Typography data-testid={`weight-${scope.segment}-${row.arm}`}>
                  {formatShare(row.weight)}
                </Typography>
              ),
            },
            {
              key: 'probability',
              label: t('bandit.probability'),
              render: (row) => <Typography>{formatShare(row.probability)}</Typography>,
            },
            {
              key: 'posterior',
              label: t('bandit.posterior'),
              render: (row) => <Typography>{posteriorLabel(row.posterior)}</Typography>,
            },
            {
              key: 'exposures',
              label: t('experiments.results.exposed'),
              render: (row) => <Typography>{row.exposures.toLocaleString('en')}</Typography>,
            },
          ]}
        />
        <Flex direction="column" alignItems="stretch" gap={2}>
          <Typography variant="sigma" textColor="neutral600">
            {t('bandit.weightsOverTime')}
          </Typography>
          <BanditWeightsChart
            points={points}
            arms={arms}
            testId={`bandit-chart-${scope.segment}`}
          />
        </Flex>
      </Section>
    </div>
  );
};
