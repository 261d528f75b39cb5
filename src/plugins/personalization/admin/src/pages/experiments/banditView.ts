import type { BanditPosterior, BanditReport } from '../../../../shared/contracts/bandits';
import type { ExperimentPlanRecord } from '../../../../shared/contracts/experiment-records';

export type BanditScope = BanditReport['scopes'][number];
export type BanditReweight = BanditReport['reweights'][number];

/** One point of the weights chart: when, and each arm's serving weight in percent. */
export type WeightPoint = { at: string; time: string } & Record<string, number | string>;

/** One row of a scope's table: an arm's current figures. */
export interface ArmRow {
  arm: string;
  /** Serving weight, 0–1. */
  weight: number;
  /** Probability of being best, 0–1; null during burn-in or before the first reweight. */
  probability: number | null;
  posterior: BanditPosterior | null;
  exposures: number;
}

const GLOBAL_SCOPE = '*';

export const isGlobalScope = (segment: string): boolean => segment === GLOBAL_SCOPE;

/** "12.3 %" for a share; "–" when there is none. */
export const formatShare = (share: number | null | undefined): string =>
  share === null || share === undefined ? '–' : `${(share * 100).toFixed(1)} %`;

/** A posterior as an editor reads it: "Beta(α 3, β 1)" or "Normal(mean 4.20, sd 0.310)". */
export const posteriorLabel = (posterior: BanditPosterior | null): string => {
  if (!posterior) return '–';
  if (posterior.kind === 'beta') return `Beta(α ${posterior.alpha}, β ${posterior.beta})`;
  return `Normal(mean ${posterior.mean.toFixed(2)}, sd ${posterior.sd.toPrecision(3)})`;
};

/** HH:MM:SS in UTC: reweights are at least seconds apart in tests and 15 minutes in production. */
const timeOf = (iso: string): string => iso.slice(11, 19);

/** The configured weights, normalised to shares: what every scope serves before its first reweight. */
export const startingWeights = (
  plan: Pick<ExperimentPlanRecord, 'arms'>
): Record<string, number> => {
  const total = plan.arms.reduce((sum, arm) => sum + arm.weight, 0);
  return Object.fromEntries(plan.arms.map((arm) => [arm.name, total > 0 ? arm.weight / total : 0]));
};

/**
 * The arms of a report, in the plan's order when there is one, then any arm only the bandit
 * figures name (an arm removed by a later phase still shows in old reweights).
 */
export const armsOf = (
  report: BanditReport,
  plan: Pick<ExperimentPlanRecord, 'arms'> | null
): string[] => {
  const names = new Set(plan?.arms.map((arm) => arm.name) ?? []);
  for (const scope of report.scopes) {
    for (const arm of Object.keys(scope.current?.weights ?? {})) names.add(arm);
  }
  for (const reweight of report.reweights) {
    for (const arm of Object.keys(reweight.weights)) names.add(arm);
  }
  return [...names];
};

/**
 * The weights chart's points for one scope in the report's phase, oldest first, in percent; it
 * starts at the phase's start with the configured weights when the plan is known.
 */
export const weightSeries = (
  report: Pick<BanditReport, 'reweights' | 'phase'>,
  segment: string,
  arms: string[],
  plan: Pick<ExperimentPlanRecord, 'arms' | 'startedAt'> | null
): WeightPoint[] => {
  const point = (at: string, weights: Record<string, number>): WeightPoint => {
    const values = Object.fromEntries(
      arms.map((arm) => [arm, Math.round((weights[arm] ?? 0) * 1000) / 10])
    );
    return { ...values, at, time: timeOf(at) };
  };
  const points = report.reweights
    .filter((reweight) => reweight.segment === segment && reweight.phase === report.phase)
    .map((reweight) => point(reweight.reweightedAt, reweight.weights));
  return plan ? [point(plan.startedAt, startingWeights(plan)), ...points] : points;
};

/** A scope's table: one row per arm with its current weight, probability, posterior, exposures. */
export const armRows = (
  scope: BanditScope,
  arms: string[],
  plan: Pick<ExperimentPlanRecord, 'arms'> | null
): ArmRow[] => {
  const current = scope.current;
  const weights = current?.weights ?? (plan ? startingWeights(plan) : {});
  return arms.map((arm) => ({
    arm,
    weight: weights[arm] ?? 0,
    probability: current?.probabilities?.[arm] ?? null,
    posterior: current?.posteriors[arm] ?? null,
    exposures: current?.exposures[arm] ?? 0,
  }));
};

/** The arm a scope serves most now (ties to the first), or null before any weight is known. */
export const leadingArm = (rows: ArmRow[]): string | null =>
  rows.reduce<ArmRow | null>(
    (best, row) => (best === null || row.weight > best.weight ? row : best),
    null
  )?.arm ?? null;
