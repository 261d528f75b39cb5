import { normalTwoSidedP } from './distributions';

export interface ProportionCounts {
  n: number;
  successes: number;
}

/**
 * Two-sided pooled two-proportion z test: z = (p₂ − p₁) / √(p̄(1 − p̄)(1/n₁ + 1/n₂)) with the
 * pooled rate p̄. z² is Pearson's χ² of the 2×2 table (1 df, no continuity correction), so the
 * p-value equals R's prop.test(correct = FALSE). Both arms all-or-nothing alike: z = 0, p = 1.
 */
export const pooledTwoProportionTest = (
  control: ProportionCounts,
  treatment: ProportionCounts
): { z: number; chiSquare: number; pValue: number } => {
  const p1 = control.successes / control.n;
  const p2 = treatment.successes / treatment.n;
  const pooled = (control.successes + treatment.successes) / (control.n + treatment.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / control.n + 1 / treatment.n));
  const z = se > 0 ? (p2 - p1) / se : 0;
  return { z, chiSquare: z * z, pValue: normalTwoSidedP(z) };
};
