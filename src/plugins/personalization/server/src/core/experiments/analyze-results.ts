import type {
  ExperimentResults,
  MetricResult,
  Recommendation,
} from '../../../../shared/contracts/experiments';
import { BASE_ARM, type ExperimentArm, type MetricDefinition } from './types';

/** An arm's sufficient statistics for one metric (see services/experiments/aggregates.ts). */
export interface ArmStatistics {
  arm: string;
  n: number;
  successes: number;
  sum: number;
  sumSquares: number;
}

export interface Comparison {
  absolute: { estimate: number; ci: [number, number]; pValue: number };
  /** Null when the control's rate or mean is 0 (a relative lift is undefined). */
  relative: { estimate: number; ci: [number, number] } | null;
  testStatistic: number;
  df?: number;
  pValue: number;
}

/** The statistics the analysis needs; core/experiments/stats provides them. */
export interface StatsEngine {
  compare(
    kind: MetricDefinition['kind'],
    control: ArmStatistics,
    treatment: ArmStatistics,
    options: { alpha: number; sequentialTuning: number | null }
  ): Comparison;
  srmPValue(observed: number[], weights: number[]): number;
}

export interface AnalysisInput {
  arms: ExperimentArm[];
  metrics: Array<{ definition: MetricDefinition; primary: boolean; arms: ArmStatistics[] }>;
  alpha: number;
  mde: number;
  sequentialTuning: number;
  plannedPerArm: number | null;
  /** Exposures in the last seven days, for the expected duration. */
  lastWeekExposures: number;
  running: boolean;
}

export const SRM_THRESHOLD = 0.001;

const zero = (arm: string): ArmStatistics => ({ arm, n: 0, successes: 0, sum: 0, sumSquares: 0 });

const summary = (kind: MetricDefinition['kind'], stats: ArmStatistics) => {
  const mean = stats.n > 0 ? stats.sum / stats.n : null;
  const variance =
    stats.n > 1 && mean !== null
      ? Math.max(0, (stats.sumSquares - stats.n * mean * mean) / (stats.n - 1))
      : null;
  return {
    arm: stats.arm,
    n: stats.n,
    conversions: kind === 'proportion' ? stats.successes : null,
    rate: kind === 'proportion' ? mean : null,
    mean: kind === 'mean' ? mean : null,
    sd: kind === 'mean' && variance !== null ? Math.sqrt(variance) : null,
  };
};

/**
 * Everything the results page shows, from per-arm sufficient statistics: per-arm summaries, each
 * variant arm against base (always-valid sequential intervals while the planned sample is not
 * reached, the fixed-horizon test once it is), the sample-ratio check, power reached, and a
 * recommendation against the frozen thresholds.
 */
export const analyzeResults = (
  input: AnalysisInput,
  stats: StatsEngine
): Pick<ExperimentResults, 'exposures' | 'srm' | 'power' | 'metrics' | 'recommendation'> => {
  const armNames = input.arms.map((arm) => arm.name);
  const primary = input.metrics.find((metric) => metric.primary) ?? input.metrics[0];
  const exposures = armNames.map((name) => primary?.arms.find((arm) => arm.arm === name)?.n ?? 0);
  const total = exposures.reduce((sum, n) => sum + n, 0);
  const weightSum = input.arms.reduce((sum, arm) => sum + arm.weight, 0);
  const srmPValue =
    total > 0
      ? stats.srmPValue(
          exposures,
          input.arms.map((arm) => arm.weight)
        )
      : 1;
  const srm = { pValue: srmPValue, warning: total > 0 && srmPValue < SRM_THRESHOLD };

  const smallest = Math.min(...exposures);
  const reached = input.plannedPerArm ? smallest / input.plannedPerArm : null;
  const sequential = reached === null || reached < 1;
  const dailyRate = input.lastWeekExposures / 7;
  const missing = input.plannedPerArm
    ? Math.max(0, input.plannedPerArm * armNames.length - total)
    : 0;
  const expectedDaysLeft =
    input.plannedPerArm && missing > 0 && dailyRate > 0 ? missing / dailyRate : null;

  const metrics = input.metrics.map((metric): MetricResult => {
    const byArm = armNames.map((name) => metric.arms.find((arm) => arm.arm === name) ?? zero(name));
    const control = byArm[0];
    const comparable = byArm.every((arm) => arm.n >= 2);
    const compared = comparable
      ? byArm.slice(1).map((treatment) => ({
          arm: treatment.arm,
          result: stats.compare(metric.definition.kind, control, treatment, {
            alpha: input.alpha,
            sequentialTuning: sequential ? input.sequentialTuning : null,
          }),
        }))
      : [];
    // A relative lift needs a non-zero control (a base arm without conversions yet has none).
    const comparisons = compared.every(({ result }) => result.relative !== null)
      ? compared.map(({ arm, result }) => {
          const [low, high] = result.absolute.ci;
          return {
            arm,
            ...result,
            relative: result.relative ?? { estimate: 0, ci: [0, 0] as [number, number] },
            method: sequential ? ('sequential' as const) : ('fixed-horizon' as const),
            significant: low > 0 || high < 0,
          };
        })
      : [];
    return {
      name: metric.definition.name,
      kind: metric.definition.kind,
      primary: metric.primary,
      arms: byArm.map((arm) => summary(metric.definition.kind, arm)),
      comparisons,
    };
  });

  return {
    exposures: {
      total,
      perArm: armNames.map((arm, index) => ({
        arm,
        exposures: exposures[index],
        expectedShare: weightSum > 0 ? input.arms[index].weight / weightSum : 0,
        observedShare: total > 0 ? exposures[index] / total : 0,
      })),
    },
    srm,
    power: { plannedPerArm: input.plannedPerArm, reached, expectedDaysLeft },
    metrics,
    recommendation: recommend(metrics, { srm, reached, mde: input.mde, running: input.running }),
  };
};

/** Ship / keep base / keep running / inconclusive, against the plan's alpha, MDE and sample. */
const recommend = (
  metrics: MetricResult[],
  context: { srm: { warning: boolean }; reached: number | null; mde: number; running: boolean }
): {
  action: Recommendation;
  arm: string | null;
  reason: string;
} => {
  if (context.srm.warning) {
    return {
      action: 'inconclusive',
      arm: null,
      reason:
        'the observed split differs from the planned one (sample ratio mismatch): find the cause before trusting any result',
    };
  }
  const primary = metrics.find((metric) => metric.primary);
  if (!primary || primary.comparisons.length === 0) {
    return {
      action: 'keep-running',
      arm: null,
      reason:
        'not enough data yet: every arm needs 2 exposed callers and base a non-zero rate or mean',
    };
  }
  const harmed = (arm: string) =>
    metrics.some(
      (metric) =>
        !metric.primary &&
        metric.comparisons.some(
          (comparison) => comparison.arm === arm && comparison.absolute.ci[1] < 0
        )
    );
  const winners = primary.comparisons
    .filter((comparison) => comparison.absolute.ci[0] > 0 && !harmed(comparison.arm))
    .sort((left, right) => right.relative.estimate - left.relative.estimate);
  if (winners.length > 0) {
    return {
      action: 'ship',
      arm: winners[0].arm,
      reason: `${winners[0].arm} beats ${BASE_ARM} on ${primary.name} (relative lift ${(winners[0].relative.estimate * 100).toFixed(1)} %) without harming a guardrail`,
    };
  }
  if (primary.comparisons.every((comparison) => comparison.absolute.ci[1] < 0)) {
    return {
      action: 'keep-base',
      arm: null,
      reason: `every variant does worse than ${BASE_ARM} on ${primary.name}`,
    };
  }
  if (context.reached !== null && context.reached >= 1) {
    const belowMde = primary.comparisons.every(
      (comparison) => comparison.relative.ci[1] < context.mde
    );
    return belowMde
      ? {
          action: 'keep-base',
          arm: null,
          reason: `the planned sample is reached and no variant reaches the minimum detectable effect of ${(context.mde * 100).toFixed(1)} %`,
        }
      : {
          action: 'inconclusive',
          arm: null,
          reason:
            'the planned sample is reached without a significant difference, but an effect as large as the MDE is not ruled out',
        };
  }
  return context.running
    ? {
        action: 'keep-running',
        arm: null,
        reason: 'no significant difference yet and the planned sample is not reached',
      }
    : {
        action: 'inconclusive',
        arm: null,
        reason: 'stopped before the planned sample without a significant difference',
      };
};
