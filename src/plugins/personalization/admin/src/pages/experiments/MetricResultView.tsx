import { Badge, Flex, Typography } from '@strapi/design-system';
import type { MetricResult } from '../../../../shared/contracts/experiments';
import { DataTable } from '../../components/DataTable';
import { useT } from '../../hooks/useT';
import { LiftChart } from './LiftChart';
import { formatLift, formatPValue } from './resultsView';

type Row = MetricResult['arms'][number] & {
  comparison: MetricResult['comparisons'][number] | undefined;
};

/** One metric: per-arm numbers, each variant's lift with its CI and p-value, and the chart. */
export const MetricResultView = ({ metric }: { metric: MetricResult }) => {
  const t = useT();
  const rows: Row[] = metric.arms.map((arm) => ({
    ...arm,
    comparison: metric.comparisons.find((comparison) => comparison.arm === arm.arm),
  }));
  const value = (row: Row) =>
    metric.kind === 'proportion'
      ? `${row.conversions ?? 0} (${((row.rate ?? 0) * 100).toFixed(2)} %)`
      : `${row.mean?.toFixed(3) ?? '–'} ± ${row.sd?.toFixed(3) ?? '–'}`;
  return (
    <Flex direction="column" alignItems="stretch" gap={4} data-testid={`metric-${metric.name}`}>
      <Flex gap={2}>
        <Typography variant="delta" tag="h3">
          {metric.name}
        </Typography>
        <Badge>
          {metric.primary ? t('experiments.results.primary') : t('experiments.results.guardrail')}
        </Badge>
        <Badge>{metric.kind}</Badge>
      </Flex>
      <DataTable
        rows={rows}
        rowKey={(row) => row.arm}
        empty={t('experiments.results.noData')}
        columns={[
          {
            key: 'arm',
            label: t('experiments.results.arm'),
            render: (row) => <Typography>{row.arm}</Typography>,
          },
          {
            key: 'n',
            label: t('experiments.results.exposed'),
            render: (row) => <Typography>{row.n}</Typography>,
          },
          {
            key: 'value',
            label:
              metric.kind === 'proportion'
                ? t('experiments.results.conversions')
                : t('experiments.results.meanSd'),
            render: (row) => <Typography>{value(row)}</Typography>,
          },
          {
            key: 'lift',
            label: t('experiments.results.lift'),
            render: (row) =>
              row.comparison ? (
                <Typography data-testid={`lift-${metric.name}-${row.arm}`}>
                  {formatLift(row.comparison.relative.estimate)} [
                  {formatLift(row.comparison.relative.ci[0])},{' '}
                  {formatLift(row.comparison.relative.ci[1])}]
                </Typography>
              ) : (
                <Typography textColor="neutral500">{t('experiments.results.control')}</Typography>
              ),
          },
          {
            key: 'p',
            label: t('experiments.results.pValue'),
            render: (row) =>
              row.comparison ? (
                <Typography>
                  {formatPValue(row.comparison.pValue)}
                  {row.comparison.significant ? ' ✓' : ''}
                </Typography>
              ) : null,
          },
          {
            key: 'method',
            label: t('experiments.results.method'),
            render: (row) =>
              row.comparison ? (
                <Typography>{t(`experiments.results.method.${row.comparison.method}`)}</Typography>
              ) : null,
          },
        ]}
      />
      {metric.comparisons.length === 0 ? (
        <Typography textColor="neutral600">{t('experiments.results.tooFew')}</Typography>
      ) : (
        <LiftChart metric={metric} />
      )}
    </Flex>
  );
};
