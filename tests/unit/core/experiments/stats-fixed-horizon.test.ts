import {
  compareArms,
  pooledTwoProportionTest,
  welchTTest,
  armMoments,
} from '../../../../src/plugins/personalization/server/src/core/experiments/stats';

/** Fixed-horizon tests against published reference values (source cited beside each). */

const meanArm = (values: number[]) => ({
  n: values.length,
  successes: 0,
  sum: values.reduce((sum, x) => sum + x, 0),
  sumSquares: values.reduce((sum, x) => sum + x * x, 0),
});
const proportionArm = (successes: number, n: number) => ({
  n,
  successes,
  sum: successes,
  sumSquares: successes,
});

// R's `sleep` data set (Cushny & Peebles), used by the t.test documentation example
// `t.test(extra ~ group, data = sleep)`.
const sleepGroup1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const sleepGroup2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe('Welch t test', () => {
  it('reproduces R t.test(extra ~ group, data = sleep): t = -1.8608, df = 17.776, p = 0.07939', () => {
    // R documentation example (?t.test); identical output from scipy.stats.ttest_ind(equal_var=False).
    // R compares group 1 − group 2; the engine treatment − control, so with group 1 as the
    // control the sign flips.
    const test = welchTTest(
      armMoments('mean', meanArm(sleepGroup1)),
      armMoments('mean', meanArm(sleepGroup2))
    );
    expect(test.t).toBeCloseTo(1.8608, 4);
    expect(test.df).toBeCloseTo(17.776, 3);
    expect(test.pValue).toBeCloseTo(0.07939, 5);
  });

  it('gives R’s 95 % interval -3.3654832 0.2054832 for the sleep data', () => {
    const result = compareArms('mean', meanArm(sleepGroup2), meanArm(sleepGroup1), {
      alpha: 0.05,
      sequentialTuning: null,
    });
    expect(result.absolute.estimate).toBeCloseTo(0.75 - 2.33, 10);
    expect(result.absolute.ci[0]).toBeCloseTo(-3.3654832, 6);
    expect(result.absolute.ci[1]).toBeCloseTo(0.2054832, 6);
    expect(result.testStatistic).toBeCloseTo(-1.8608, 4);
    expect(result.df).toBeCloseTo(17.776, 3);
    expect(result.pValue).toBeCloseTo(0.07939, 5);
  });

  // GrowthBook packages/stats/tests/frequentist/test_tests.py, TestTwoSidedTTest (gbstats).
  const growthbookControl = { n: 3407, successes: 0, sum: 1396.87, sumSquares: 52377.9767 };
  const growthbookTreatment = { n: 3461, successes: 0, sum: 2422.7, sumSquares: 134698.29 };

  it('reproduces GrowthBook’s absolute two-sided t test: 0.29, CI (0.04538, 0.53462), p 0.02016', () => {
    const result = compareArms('mean', growthbookControl, growthbookTreatment, {
      alpha: 0.05,
      sequentialTuning: null,
    });
    expect(result.absolute.estimate).toBeCloseTo(0.29, 5);
    expect(result.absolute.ci[0]).toBeCloseTo(0.04538, 5);
    expect(result.absolute.ci[1]).toBeCloseTo(0.53462, 5);
    expect(result.pValue).toBeCloseTo(0.02016, 5);
  });

  it('reproduces GrowthBook’s relative lift by the delta method: 0.70732, CI (-0.03526, 1.44989)', () => {
    const result = compareArms('mean', growthbookControl, growthbookTreatment, {
      alpha: 0.05,
      sequentialTuning: null,
    });
    expect(result.relative?.estimate).toBeCloseTo(0.70732, 5);
    expect(result.relative?.ci[0]).toBeCloseTo(-0.03526, 5);
    expect(result.relative?.ci[1]).toBeCloseTo(1.44989, 5);
  });
});

describe('pooled two-proportion z test', () => {
  it('equals Pearson χ² of the 2×2 table: Agresti’s aspirin data give X² = 25.01', () => {
    // Physicians' Health Study (myocardial infarction: placebo 189/11034, aspirin 104/11037),
    // Agresti, An Introduction to Categorical Data Analysis, §2.4: X² = 25.01, df = 1;
    // scipy.stats.chi2_contingency(correction=False): 25.0139, p = 5.6919e-07.
    const test = pooledTwoProportionTest(
      { n: 11034, successes: 189 },
      { n: 11037, successes: 104 }
    );
    expect(test.chiSquare).toBeCloseTo(25.0139, 4);
    expect(test.z * test.z).toBeCloseTo(test.chiSquare, 12);
    expect(test.z).toBeLessThan(0);
    expect(test.pValue).toBeCloseTo(5.6919e-7, 10);
  });

  it('gives prop.test(c(15, 25), c(50, 50), correct = FALSE): X² = 4.1667, p = 0.04123, Wald CI', () => {
    // By hand (pooled p̄ = 0.4, SE = √(0.4·0.6·(2/50))) and scipy.stats.chi2_contingency(
    // [[15, 35], [25, 25]], correction=False): 4.16667, p = 0.041227. prop.test's interval without
    // continuity correction is the Wald interval: 0.2 ± 1.959964·√(0.3·0.7/50 + 0.5·0.5/50).
    const result = compareArms('proportion', proportionArm(15, 50), proportionArm(25, 50), {
      alpha: 0.05,
      sequentialTuning: null,
    });
    expect(result.testStatistic ** 2).toBeCloseTo(4.16667, 5);
    expect(result.pValue).toBeCloseTo(0.041227, 6);
    expect(result.absolute.estimate).toBeCloseTo(0.2, 12);
    expect(result.absolute.ci[0]).toBeCloseTo(0.2 - 1.959964 * Math.sqrt(0.0092), 6);
    expect(result.absolute.ci[1]).toBeCloseTo(0.2 + 1.959964 * Math.sqrt(0.0092), 6);
    expect(result.df).toBeUndefined();
    // Relative: 0.5/0.3 − 1 with the delta-method SE √(p₂q₂/(n₂p₁²) + p₂²p₁q₁/(n₁p₁⁴)).
    const se = Math.sqrt(0.25 / 50 / 0.09 + (0.25 * 0.21) / 50 / 0.0081);
    expect(result.relative?.estimate).toBeCloseTo(2 / 3, 12);
    expect(result.relative?.ci[0]).toBeCloseTo(2 / 3 - 1.959964 * se, 5);
  });

  it('answers p = 1 when neither arm has converted, and no relative lift', () => {
    const result = compareArms('proportion', proportionArm(0, 40), proportionArm(0, 40), {
      alpha: 0.05,
      sequentialTuning: null,
    });
    expect(result.pValue).toBe(1);
    expect(result.absolute.ci).toEqual([0, 0]);
    expect(result.relative).toBeNull();
  });
});
