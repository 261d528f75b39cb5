import { Flex, Grid, Typography } from '@strapi/design-system';
import type { ExperimentPlanRecord } from '../../../../shared/contracts/experiment-records';
import { useT } from '../../hooks/useT';

/** `custom` as the custom event's name, quoted: what the metric counts. */
const eventText = (event: string, customEvent: string | undefined) =>
  event === 'custom' ? `custom "${customEvent ?? ''}"` : event;

const metricText = (metric: ExperimentPlanRecord['primaryMetric']) =>
  metric.kind === 'proportion'
    ? `${metric.name}: ${metric.events.map((event) => eventText(event, metric.customEvent)).join(' or ')}${metric.entry ? ` on ${metric.entry}` : ''}`
    : `${metric.name}: ${metric.aggregate} of ${eventText(metric.event, metric.customEvent)}${metric.entry ? ` on ${metric.entry}` : ''}`;

/** The plan frozen at the start of this phase: what the results are judged against. */
export const PlanSummary = ({ plan }: { plan: ExperimentPlanRecord }) => {
  const t = useT();
  const facts: Array<[string, string]> = [
    [t('experiments.arms'), plan.arms.map((arm) => `${arm.name} ×${arm.weight}`).join(', ')],
    [t('experiments.primaryMetric'), metricText(plan.primaryMetric)],
    [t('experiments.guardrailMetrics'), plan.guardrailMetrics.map(metricText).join('; ') || '–'],
    [t('experiments.alpha'), String(plan.alpha)],
    [t('experiments.power'), String(plan.power)],
    [t('experiments.mde'), `${(plan.mde * 100).toFixed(1)} %`],
    [t('experiments.attributionWindowHours'), `${plan.attributionWindowHours} h`],
    [
      t('experiments.results.plannedPerArm'),
      plan.sampleSizePerArm === null ? '–' : plan.sampleSizePerArm.toLocaleString('en'),
    ],
    [t('experiments.results.tuning'), String(plan.sequentialTuning)],
    [t('experiments.results.startedAt'), new Date(plan.startedAt).toLocaleString('en')],
  ];
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="frozen-plan">
      <Typography>
        <Typography fontWeight="bold">{t('experiments.hypothesis')}: </Typography>
        {plan.hypothesis}
      </Typography>
      <Grid.Root gap={2}>
        {facts.map(([label, value]) => (
          <Grid.Item key={label} col={4} direction="column" alignItems="start">
            <Typography variant="sigma" textColor="neutral600">
              {label}
            </Typography>
            <Typography>{value}</Typography>
          </Grid.Item>
        ))}
      </Grid.Root>
    </Flex>
  );
};
