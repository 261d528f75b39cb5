import type { ArmMoments } from './moments';

/** One arm's sufficient statistics of the metric (post) and of the same metric before (pre). */
export interface CupedArm {
  n: number;
  post: { sum: number; sumSquares: number };
  pre: { sum: number; sumSquares: number };
  /** Σ post·pre over the arm's callers. */
  sumProducts: number;
}

const covariance = (n: number, sumX: number, sumY: number, sumXY: number): number =>
  n > 1 ? (sumXY - (sumX * sumY) / n) / (n - 1) : 0;

/**
 * CUPED (Deng, Xu, Kohavi, Walker 2013): each caller's value Y is replaced by
 * Y − θ(X − X̄), X their pre-experiment value and X̄ its mean over all arms, with
 * θ = Cov(Y, X)/Var(X) estimated on all arms pooled (as GrowthBook does). The mean keeps its scale
 * and the difference between arms stays unbiased; the variance per arm becomes
 * s²_Y + θ²s²_X − 2θ·Cov(Y, X), smaller the more X predicts Y. Computed from sufficient statistics
 * only. Core only for now: the aggregates do not collect pre-period values yet.
 */
export const cupedAdjust = (arms: CupedArm[]): { theta: number; arms: ArmMoments[] } => {
  const total = arms.reduce(
    (sum, arm) => ({
      n: sum.n + arm.n,
      y: sum.y + arm.post.sum,
      x: sum.x + arm.pre.sum,
      xx: sum.xx + arm.pre.sumSquares,
      xy: sum.xy + arm.sumProducts,
    }),
    { n: 0, y: 0, x: 0, xx: 0, xy: 0 }
  );
  const preVariance = covariance(total.n, total.x, total.x, total.xx);
  const theta = preVariance > 0 ? covariance(total.n, total.y, total.x, total.xy) / preVariance : 0;
  const preMean = total.n > 0 ? total.x / total.n : 0;
  return {
    theta,
    arms: arms.map((arm) => {
      if (arm.n === 0) return { n: 0, mean: 0, variance: 0 };
      const postVariance = covariance(arm.n, arm.post.sum, arm.post.sum, arm.post.sumSquares);
      const armPreVariance = covariance(arm.n, arm.pre.sum, arm.pre.sum, arm.pre.sumSquares);
      const cov = covariance(arm.n, arm.post.sum, arm.pre.sum, arm.sumProducts);
      return {
        n: arm.n,
        mean: arm.post.sum / arm.n - theta * (arm.pre.sum / arm.n - preMean),
        variance: Math.max(0, postVariance + theta * theta * armPreVariance - 2 * theta * cov),
      };
    }),
  };
};
