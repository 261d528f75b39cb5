import { posteriorOf } from './posterior';
import { probabilityBest, DEFAULT_DRAWS } from './probability-best';
import type { ArmEvidence, BanditReweight, BanditSettings, Posterior } from './types';

/**
 * Keeps every arm at or above the floor and the total at 1: each arm gets the floor, and what
 * is left (1 − k·floor) is shared in proportion to the probabilities. A floor too high for the
 * number of arms (k·floor ≥ 1) gives the uniform split.
 */
export const applyFloor = (probabilities: readonly number[], floor: number): number[] => {
  const k = probabilities.length;
  if (k === 0) return [];
  if (floor * k >= 1) return probabilities.map(() => 1 / k);
  const total = probabilities.reduce((sum, value) => sum + Math.max(0, value), 0);
  const shares =
    total > 0
      ? probabilities.map((value) => Math.max(0, value) / total)
      : probabilities.map(() => 1 / k);
  return shares.map((share) => floor + (1 - k * floor) * share);
};

const byArm = <T>(arms: readonly string[], values: readonly T[]): Record<string, T> =>
  Object.fromEntries(arms.map((arm, index) => [arm, values[index]]));

/** Normalises weights to sum to 1 (uniform when they sum to nothing). */
export const normalise = (weights: readonly number[]): number[] => {
  const total = weights.reduce((sum, value) => sum + Math.max(0, value), 0);
  return total > 0
    ? weights.map((value) => Math.max(0, value) / total)
    : weights.map(() => 1 / weights.length);
};

export interface ReweightInput {
  metric: 'proportion' | 'mean';
  /** Every arm of the experiment, in its order; arms without exposures count as n = 0. */
  arms: readonly string[];
  evidence: readonly ArmEvidence[];
  /** The weights now serving, kept during burn-in (the arms' configured weights at first). */
  current: Readonly<Record<string, number>>;
  settings: BanditSettings;
  draws?: number;
}

/**
 * One Thompson reweight: posteriors from the evidence; until every arm has the burn-in's
 * exposures the current weights stay; afterwards each arm's weight is its probability of being
 * best, floored and renormalised.
 */
export const reweight = (input: ReweightInput): BanditReweight => {
  const evidenceOf = (arm: string): ArmEvidence =>
    input.evidence.find((entry) => entry.arm === arm) ?? {
      arm,
      n: 0,
      successes: 0,
      sum: 0,
      sumSquares: 0,
    };
  const evidence = input.arms.map(evidenceOf);
  const posteriors: Posterior[] = evidence.map((entry) => posteriorOf(input.metric, entry));
  const exposures = byArm(
    input.arms,
    evidence.map((entry) => entry.n)
  );
  const burningIn = evidence.some((entry) => entry.n < input.settings.burnIn);
  if (burningIn) {
    return {
      reweighted: false,
      weights: byArm(input.arms, normalise(input.arms.map((arm) => input.current[arm] ?? 0))),
      probabilities: null,
      posteriors: byArm(input.arms, posteriors),
      exposures,
    };
  }
  const probabilities = probabilityBest(
    posteriors,
    input.settings.seed,
    input.draws ?? DEFAULT_DRAWS
  );
  return {
    reweighted: true,
    weights: byArm(input.arms, applyFloor(probabilities, input.settings.floor)),
    probabilities: byArm(input.arms, probabilities),
    posteriors: byArm(input.arms, posteriors),
    exposures,
  };
};
