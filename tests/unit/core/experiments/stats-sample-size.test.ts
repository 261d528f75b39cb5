import {
  meanSampleSize,
  proportionSampleSize,
  sampleSizePerArm,
} from '../../../../src/plugins/personalization/server/src/core/experiments/stats';

/** Power and sample size (per arm, two-sided) against R's power.prop.test and power.t.test. */

describe('sample size for a proportion', () => {
  it('reproduces the R documentation example power.prop.test(p1 = .50, p2 = .75, power = .90): n = 76.7', () => {
    // ?power.prop.test example "=> n = 76.7"; the closed form in scipy gives 76.706928.
    expect(proportionSampleSize(0.5, 0.5, 0.05, 0.9)).toBeCloseTo(76.706928, 5);
    expect(
      sampleSizePerArm({
        metric: 'proportion',
        baseline: { rate: 0.5 },
        mde: 0.5,
        alpha: 0.05,
        power: 0.9,
      })
    ).toBe(77);
  });

  it('gives power.prop.test(p1 = .10, p2 = .11, power = .8) = 14750.79 for a 10 % relative MDE on a 10 % rate', () => {
    // Same equation solved in scipy (norm.ppf): 14750.790469.
    expect(proportionSampleSize(0.1, 0.1, 0.05, 0.8)).toBeCloseTo(14750.790469, 4);
    expect(
      sampleSizePerArm({
        metric: 'proportion',
        baseline: { rate: 0.1 },
        mde: 0.1,
        alpha: 0.05,
        power: 0.8,
      })
    ).toBe(14751);
  });
});

describe('sample size for a mean', () => {
  it.each([
    // [mean, sd, mde, power, R power.t.test n (noncentral t), rounded up]
    // ?power.t.test example power.t.test(power = .90, delta = 1) "=> n = 22.02"; scipy nct: 22.021088.
    [1, 1, 1, 0.9, 22.021088, 23],
    // power.t.test(delta = 1, sd = 1, power = .8): scipy nct 16.714722.
    [1, 1, 1, 0.8, 16.714722, 17],
    // power.t.test(delta = 1, sd = 10, power = .8): scipy nct 1570.736888.
    [10, 10, 0.1, 0.8, 1570.736888, 1571],
  ])(
    'mean %d, sd %d, MDE %d, power %d: within 0.2 %% of power.t.test’s %d, same whole number %d',
    (mean, sd, mde, power, reference, rounded) => {
      const n = meanSampleSize(mean, sd, mde, 0.05, power);
      expect(Math.abs(n - reference) / reference).toBeLessThan(0.002);
      expect(
        sampleSizePerArm({ metric: 'mean', baseline: { mean, sd }, mde, alpha: 0.05, power })
      ).toBe(rounded);
    }
  );

  it('refuses a baseline that does not match the metric', () => {
    expect(() =>
      sampleSizePerArm({
        metric: 'mean',
        baseline: { rate: 0.1 },
        mde: 0.1,
        alpha: 0.05,
        power: 0.8,
      })
    ).toThrow(/baseline: a mean metric needs \{ mean, sd \}/);
  });
});
