import type { ArmMoments } from './moments';

/** A point estimate with its standard error (normal approximation). */
export interface Estimate {
  estimate: number;
  se: number;
}

/** Treatment minus control; SE √(s₁²/n₁ + s₂²/n₂). */
export const absoluteLift = (control: ArmMoments, treatment: ArmMoments): Estimate => ({
  estimate: treatment.mean - control.mean,
  se: Math.sqrt(control.variance / control.n + treatment.variance / treatment.n),
});

/**
 * (x̄₂ − x̄₁)/|x̄₁| with the delta-method SE of the ratio x̄₂/x̄₁ (independent arms):
 * Var ≈ s₂²/(n₂x̄₁²) + x̄₂²s₁²/(n₁x̄₁⁴), as GrowthBook computes it. Undefined (null) when the
 * control mean is 0.
 */
export const relativeLift = (control: ArmMoments, treatment: ArmMoments): Estimate | null => {
  if (control.mean === 0) return null;
  const m1 = control.mean;
  const m2 = treatment.mean;
  const variance =
    treatment.variance / (treatment.n * m1 * m1) +
    (control.variance * m2 * m2) / (control.n * m1 * m1 * m1 * m1);
  return { estimate: (m2 - m1) / Math.abs(m1), se: Math.sqrt(variance) };
};

/** estimate ± halfwidth. */
export const interval = (estimate: number, halfwidth: number): [number, number] => [
  estimate - halfwidth,
  estimate + halfwidth,
];
