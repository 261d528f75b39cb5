import type {
  ExperimentResults,
  MetricResult,
  Recommendation,
} from '../../../../shared/contracts/experiments';

/** One bar of the lift chart: a variant arm's relative lift and its CI, in percent. */
export interface LiftRow {
  arm: string;
  estimate: number;
  lower: number;
  upper: number;
  /** [estimate − lower, upper − estimate]: what recharts' ErrorBar draws. */
  error: [number, number];
  significant: boolean;
}

const percent = (value: number) => value * 100;

/** The lift chart's rows for one metric (empty until every arm has callers). */
export const liftRows = (metric: MetricResult): LiftRow[] =>
  metric.comparisons.map((comparison) => {
    const estimate = percent(comparison.relative.estimate);
    const [lower, upper] = comparison.relative.ci.map(percent) as [number, number];
    return {
      arm: comparison.arm,
      estimate,
      lower,
      upper,
      error: [estimate - lower, upper - estimate],
      significant: comparison.significant,
    };
  });

/** The smallest 1, 2 or 5 × 10^k at or above the value (readable axis bounds). */
export const niceCeiling = (value: number): number => {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * magnitude >= value) ?? 10;
  return step * magnitude;
};

/** A symmetric domain around zero that holds every interval, so "no effect" sits mid-chart. */
export const liftDomain = (rows: LiftRow[]): [number, number] => {
  const widest = Math.max(1, ...rows.flatMap((row) => [Math.abs(row.lower), Math.abs(row.upper)]));
  const bound = niceCeiling(widest);
  return [-bound, bound];
};

/** Five ticks: both bounds, their halves and 0. */
export const liftTicks = ([lower, upper]: [number, number]): number[] => [
  lower,
  lower / 2,
  0,
  upper / 2,
  upper,
];

export type CumulativePoint = { day: string } & Record<string, number | string>;

/** The x value of the chart's first point: no one exposed yet when the phase started. */
export const START_POINT = 'start';

/**
 * Cumulative exposures per arm by UTC day from the per-day timeline, from zero at the start; days
 * an arm had none keep its running total, so every line is defined on every day (and a line of
 * a single day still has two points to join).
 */
export const cumulativeExposures = (
  timeline: ExperimentResults['timeline'],
  arms: string[]
): CumulativePoint[] => {
  const days = [...new Set(timeline.map((point) => point.day))].sort();
  const totals = Object.fromEntries(arms.map((arm) => [arm, 0])) as Record<string, number>;
  const start: CumulativePoint = { day: START_POINT, ...totals };
  return [
    start,
    ...days.map((day) => {
      for (const point of timeline) {
        if (point.day === day) totals[point.arm] = (totals[point.arm] ?? 0) + point.exposures;
      }
      return { day, ...totals };
    }),
  ];
};

/**
 * Whether the ship button works, and why not: only a running experiment ships, never with a
 * sample-ratio mismatch (its numbers cannot be trusted), and only a variant arm.
 */
export const shipState = (
  results: ExperimentResults
): { allowed: boolean; arm: string | null; reason: string | null } => {
  const arm =
    results.recommendation.action === 'ship'
      ? results.recommendation.arm
      : (bestVariantArm(results) ?? null);
  if (results.experiment.status !== 'running') {
    return { allowed: false, arm, reason: `the experiment is ${results.experiment.status}` };
  }
  if (results.srm.warning) {
    return { allowed: false, arm, reason: 'sample ratio mismatch' };
  }
  if (arm === null) return { allowed: false, arm, reason: 'no variant arm has results yet' };
  return { allowed: true, arm, reason: null };
};

/** The variant arm with the highest relative lift on the primary metric. */
export const bestVariantArm = (results: ExperimentResults): string | undefined => {
  const primary = results.metrics.find((metric) => metric.primary);
  const sorted = [...(primary?.comparisons ?? [])].sort(
    (left, right) => right.relative.estimate - left.relative.estimate
  );
  return sorted[0]?.arm;
};

/** "+12.3 %" (signed, one decimal). */
export const formatLift = (fraction: number): string =>
  `${fraction >= 0 ? '+' : '−'}${Math.abs(fraction * 100).toFixed(1)} %`;

/** p-values as analysts read them: 3 significant digits, "< 0.0001" below that. */
export const formatPValue = (value: number): string =>
  value < 0.0001 ? '< 0.0001' : value.toPrecision(3);

export const RECOMMENDATION_TONE: Record<
  Recommendation,
  'success' | 'danger' | 'neutral' | 'warning'
> = {
  ship: 'success',
  'keep-base': 'danger',
  'keep-running': 'neutral',
  inconclusive: 'warning',
};
