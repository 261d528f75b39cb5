import { normalQuantile, tQuantile } from './distributions';

/** The control's expected value, known before the experiment starts. */
export type Baseline = { rate: number } | { mean: number; sd: number };

export interface SampleSizeInput {
  metric: 'proportion' | 'mean';
  baseline: Baseline;
  /** Minimum detectable effect relative to the baseline (0.1 = +10 %). */
  mde: number;
  alpha: number;
  power: number;
}

/**
 * Callers per arm for a two-sided two-proportion test (no continuity correction): the formula
 * R's power.prop.test solves, n = (z₁₋α/₂·√(2p̄q̄) + z_power·√(p₁q₁ + p₂q₂))² / (p₂ − p₁)²,
 * with p₂ = p₁·(1 + mde) and p̄ = (p₁ + p₂)/2.
 */
export const proportionSampleSize = (
  rate: number,
  mde: number,
  alpha: number,
  power: number
): number => {
  const p1 = rate;
  const p2 = rate * (1 + mde);
  const pooled = (p1 + p2) / 2;
  const zAlpha = normalQuantile(1 - alpha / 2);
  const zPower = normalQuantile(power);
  const numerator =
    zAlpha * Math.sqrt(2 * pooled * (1 - pooled)) +
    zPower * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return (numerator * numerator) / ((p2 - p1) * (p2 - p1));
};

/**
 * Callers per arm for a two-sided two-sample t test with equal variances:
 * n = 2σ²(t₁₋α/₂,ν + t_power,ν)² / δ² with ν = 2n − 2, iterated from the normal answer until it
 * settles (the textbook t correction; within 0.2 % of R's power.t.test, which uses the
 * noncentral t). δ = |mean|·mde.
 */
export const meanSampleSize = (
  mean: number,
  sd: number,
  mde: number,
  alpha: number,
  power: number
): number => {
  const delta = Math.abs(mean * mde);
  const scale = (2 * sd * sd) / (delta * delta);
  const normal = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  let n = scale * normal * normal;
  for (let step = 0; step < 50; step += 1) {
    const df = Math.max(1, 2 * n - 2);
    const t = tQuantile(1 - alpha / 2, df) + tQuantile(power, df);
    const next = scale * t * t;
    if (Math.abs(next - n) < 1e-9) return next;
    n = next;
  }
  return n;
};

/** Callers per arm, rounded up (at least 2, the fewest any test can use). */
export const sampleSizePerArm = (input: SampleSizeInput): number => {
  const { baseline } = input;
  if ((input.metric === 'proportion') !== 'rate' in baseline) {
    throw new RangeError(
      `baseline: a ${input.metric} metric needs ${input.metric === 'proportion' ? '{ rate }' : '{ mean, sd }'}`
    );
  }
  const exact =
    'rate' in baseline
      ? proportionSampleSize(baseline.rate, input.mde, input.alpha, input.power)
      : meanSampleSize(baseline.mean, baseline.sd, input.mde, input.alpha, input.power);
  return Math.max(2, Math.ceil(exact - 1e-9));
};
