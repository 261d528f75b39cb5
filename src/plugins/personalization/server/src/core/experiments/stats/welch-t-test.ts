import { tTwoSidedP } from './distributions';
import type { ArmMoments } from './moments';

/**
 * Welch's two-sample t test (unequal variances): t = (x̄₂ − x̄₁) / √(s₁²/n₁ + s₂²/n₂) with the
 * Welch–Satterthwaite degrees of freedom ν = (s₁²/n₁ + s₂²/n₂)² / Σ (sᵢ²/nᵢ)²/(nᵢ − 1).
 * Both variances zero: ν falls back to n₁ + n₂ − 2 and t is 0 (equal means) or ±∞.
 */
export const welchTTest = (
  control: ArmMoments,
  treatment: ArmMoments
): { t: number; df: number; se: number; pValue: number } => {
  const v1 = control.variance / control.n;
  const v2 = treatment.variance / treatment.n;
  const se = Math.sqrt(v1 + v2);
  const difference = treatment.mean - control.mean;
  const denominator = (v1 * v1) / (control.n - 1) + (v2 * v2) / (treatment.n - 1);
  const df = denominator > 0 ? ((v1 + v2) * (v1 + v2)) / denominator : control.n + treatment.n - 2;
  if (se === 0) {
    const t = difference === 0 ? 0 : Math.sign(difference) * Infinity;
    return { t, df, se, pValue: difference === 0 ? 1 : 0 };
  }
  const t = difference / se;
  return { t, df, se, pValue: tTwoSidedP(t, df) };
};
