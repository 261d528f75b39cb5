import chiSquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantileOf from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantileOf from '@stdlib/stats-base-dists-t-quantile';

/**
 * The distribution functions every test needs, from the maintained @stdlib packages (no
 * hand-written approximations). Two-sided tail probabilities use the lower tail of −|x| so small
 * p-values keep their precision instead of vanishing in 1 − cdf.
 */

export const normalQuantile = (p: number): number => normalQuantileOf(p, 0, 1);

export const normalTwoSidedP = (z: number): number =>
  Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1));

export const tQuantile = (p: number, df: number): number => tQuantileOf(p, df);

export const tTwoSidedP = (t: number, df: number): number =>
  Math.min(1, 2 * tCdf(-Math.abs(t), df));

/** P(χ²_df ≥ x). */
export const chiSquareSurvival = (x: number, df: number): number =>
  Math.max(0, 1 - chiSquareCdf(x, df));
