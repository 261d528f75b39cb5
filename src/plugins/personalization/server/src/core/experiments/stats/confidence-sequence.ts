/**
 * Asymptotic confidence sequences (Waudby-Smith, Arnold, Wu, Howard, Ramdas, "Time-uniform central
 * limit theory and asymptotic confidence sequences", arXiv:2103.06476v7), in the form GrowthBook
 * uses: intervals that stay valid however often they are looked at. The tuning parameter η (the
 * sample size at which the sequence is tightest, GrowthBook's default 5000) is fixed when the
 * experiment starts; choosing it after looking at the data would void the guarantee.
 */

/** ρ from the tuning parameter and α (eq. 161 of the paper). */
export const sequentialRho = (alpha: number, tuning: number): number => {
  const logTerm = -2 * Math.log(alpha);
  return Math.sqrt((logTerm + Math.log(logTerm + 1)) / tuning);
};

/**
 * Half-width of the two-sided sequence after N = n₁ + n₂ callers for an effect with standard error
 * `se` (eq. 9): with σ² = se²·N, σ·√(2(Nρ² + 1)·ln(√(Nρ² + 1)/α) / (Nρ)²).
 */
export const sequentialHalfwidth = (
  se: number,
  totalN: number,
  alpha: number,
  rho: number
): number => {
  const spread = totalN * rho * rho + 1;
  const sigma = se * Math.sqrt(totalN);
  return (
    sigma * Math.sqrt((2 * spread * Math.log(Math.sqrt(spread) / alpha)) / (totalN * rho) ** 2)
  );
};

/**
 * Always-valid p-value (eq. 155, GrowthBook's parameterisation): 1/e-value, with the e-value
 * exp(ρ²S²/(2(Nρ² + 1)))/√(Nρ² + 1) and S² = N·(estimate/se)². Capped at 1; it only falls as data
 * accrue if the effect is real.
 */
export const alwaysValidPValue = (
  estimate: number,
  se: number,
  totalN: number,
  rho: number
): number => {
  if (se === 0) return estimate === 0 ? 1 : 0;
  const spread = totalN * rho * rho + 1;
  const s2 = (estimate * estimate * totalN) / (se * se);
  const logEvalue = (rho * rho * s2) / (2 * spread) - 0.5 * Math.log(spread);
  return Math.min(1, Math.exp(-logEvalue));
};
