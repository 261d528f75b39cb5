/** An arm's sufficient statistics: what SQL aggregates produce, never the events themselves. */
export interface SufficientStatistics {
  n: number;
  /** Callers who converted (proportion metrics). */
  successes: number;
  /** Σx and Σx² of the per-caller values (mean metrics). */
  sum: number;
  sumSquares: number;
}

/** The first two moments of a per-caller metric in one arm. */
export interface ArmMoments {
  n: number;
  mean: number;
  /** Variance of one caller's value (not of the mean). */
  variance: number;
}

/**
 * Proportions: p and the Bernoulli variance p(1 − p) (what the Wald interval and GrowthBook use).
 * Means: x̄ and the sample variance (Σx² − (Σx)²/n)/(n − 1), clamped at 0 against rounding.
 */
export const armMoments = (
  kind: 'proportion' | 'mean',
  stats: SufficientStatistics
): ArmMoments => {
  if (stats.n <= 0) return { n: 0, mean: 0, variance: 0 };
  if (kind === 'proportion') {
    const rate = stats.successes / stats.n;
    return { n: stats.n, mean: rate, variance: rate * (1 - rate) };
  }
  const mean = stats.sum / stats.n;
  const variance =
    stats.n > 1
      ? Math.max(0, (stats.sumSquares - (stats.sum * stats.sum) / stats.n) / (stats.n - 1))
      : 0;
  return { n: stats.n, mean, variance };
};
