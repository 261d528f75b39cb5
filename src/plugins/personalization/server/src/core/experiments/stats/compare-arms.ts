import { normalQuantile, tQuantile } from './distributions';
import { absoluteLift, interval, relativeLift, type Estimate } from './lift';
import { alwaysValidPValue, sequentialHalfwidth, sequentialRho } from './confidence-sequence';
import { armMoments, type ArmMoments, type SufficientStatistics } from './moments';
import { pooledTwoProportionTest } from './two-proportion-test';
import { welchTTest } from './welch-t-test';

export interface CompareOptions {
  alpha: number;
  /** The confidence sequences' tuning parameter (fixed at start), or null for fixed-horizon. */
  sequentialTuning: number | null;
}

/** One treatment arm against the control. */
export interface ArmComparisonResult {
  absolute: { estimate: number; ci: [number, number]; pValue: number };
  /** Null when the control's rate or mean is 0: a relative lift is undefined then. */
  relative: { estimate: number; ci: [number, number] } | null;
  /** Pooled z (proportions) or Welch's t (means) of the fixed-horizon test. */
  testStatistic: number;
  /** Welch–Satterthwaite degrees of freedom (means only). */
  df?: number;
  /** Fixed-horizon p-value, or the always-valid p-value when sequential. */
  pValue: number;
}

/** A fixed-horizon test's answer, and the quantile for its intervals. */
interface FixedTest {
  testStatistic: number;
  df?: number;
  pValue: number;
  /** The quantile that makes a fixed-horizon interval at 1 − α. */
  critical: number;
}

const summarize = (
  control: ArmMoments,
  treatment: ArmMoments,
  test: FixedTest,
  options: CompareOptions
): ArmComparisonResult => {
  const absolute = absoluteLift(control, treatment);
  const relative = relativeLift(control, treatment);
  let halfwidth = (estimate: Estimate) => test.critical * estimate.se;
  let pValue = test.pValue;
  if (options.sequentialTuning !== null) {
    const rho = sequentialRho(options.alpha, options.sequentialTuning);
    const totalN = control.n + treatment.n;
    halfwidth = (estimate) => sequentialHalfwidth(estimate.se, totalN, options.alpha, rho);
    pValue = alwaysValidPValue(absolute.estimate, absolute.se, totalN, rho);
  }
  return {
    absolute: {
      estimate: absolute.estimate,
      ci: interval(absolute.estimate, halfwidth(absolute)),
      pValue,
    },
    relative: relative
      ? { estimate: relative.estimate, ci: interval(relative.estimate, halfwidth(relative)) }
      : null,
    testStatistic: test.testStatistic,
    ...(test.df === undefined ? {} : { df: test.df }),
    pValue,
  };
};

/** Means from their moments (also CUPED-adjusted ones): Welch's t test. */
export const compareMeanMoments = (
  control: ArmMoments,
  treatment: ArmMoments,
  options: CompareOptions
): ArmComparisonResult => {
  const test = welchTTest(control, treatment);
  return summarize(
    control,
    treatment,
    {
      testStatistic: test.t,
      df: test.df,
      pValue: test.pValue,
      critical: tQuantile(1 - options.alpha / 2, test.df),
    },
    options
  );
};

/**
 * Which test when: a proportion is compared with the pooled two-proportion z test (p-value) and
 * Wald intervals (z quantile, unpooled SE); a mean with Welch's t test, whose t quantile at the
 * Welch–Satterthwaite df also widens the relative interval (as GrowthBook does). Sequential: the
 * same estimates and SEs, intervals from the asymptotic confidence sequence and the always-valid
 * p-value, so peeking does not inflate the false-positive rate.
 */
export const compareArms = (
  kind: 'proportion' | 'mean',
  controlStats: SufficientStatistics,
  treatmentStats: SufficientStatistics,
  options: CompareOptions
): ArmComparisonResult => {
  const control = armMoments(kind, controlStats);
  const treatment = armMoments(kind, treatmentStats);
  if (kind === 'mean') return compareMeanMoments(control, treatment, options);
  const test = pooledTwoProportionTest(controlStats, treatmentStats);
  return summarize(
    control,
    treatment,
    { testStatistic: test.z, pValue: test.pValue, critical: normalQuantile(1 - options.alpha / 2) },
    options
  );
};
