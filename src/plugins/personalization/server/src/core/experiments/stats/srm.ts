import { chiSquareSurvival } from './distributions';

/**
 * Sample-ratio mismatch: Pearson's χ² goodness of fit of the observed callers per arm against the
 * planned split, k − 1 degrees of freedom (as GrowthBook's check_srm). Arms with a weight ≤ 0 are
 * left out of the sum. The dashboard warns at p < 0.001.
 */
export const pearsonChiSquare = (observed: number[], weights: number[]): number => {
  const total = observed.reduce((sum, n) => sum + n, 0);
  const weightSum = weights.reduce((sum, weight) => sum + Math.max(0, weight), 0);
  let statistic = 0;
  observed.forEach((n, index) => {
    if (weights[index] <= 0) return;
    const expected = (weights[index] / weightSum) * total;
    statistic += ((n - expected) * (n - expected)) / expected;
  });
  return statistic;
};

export const srmPValue = (observed: number[], weights: number[]): number => {
  if (observed.length !== weights.length) {
    throw new RangeError(`${observed.length} arms observed but ${weights.length} weights given`);
  }
  const total = observed.reduce((sum, n) => sum + n, 0);
  if (total === 0 || observed.length < 2) return 1;
  return chiSquareSurvival(pearsonChiSquare(observed, weights), observed.length - 1);
};
