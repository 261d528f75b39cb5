import {
  armMoments,
  compareMeanMoments,
  cupedAdjust,
  pearsonChiSquare,
  srmPValue,
} from '../../../../src/plugins/personalization/server/src/core/experiments/stats';

describe('sample-ratio mismatch (Pearson χ² goodness of fit)', () => {
  it('reproduces Mendel’s peas against 9:3:3:1: χ² = 0.470, p = 0.9254', () => {
    // Textbook example; scipy.stats.chisquare([315, 108, 101, 32], f_exp=556·[9,3,3,1]/16):
    // 0.470024, p = 0.925426.
    expect(pearsonChiSquare([315, 108, 101, 32], [9, 3, 3, 1])).toBeCloseTo(0.470024, 6);
    expect(srmPValue([315, 108, 101, 32], [9, 3, 3, 1])).toBeCloseTo(0.925426, 6);
  });

  it.each([
    // R documentation ?chisq.test: x <- c(89,37,30,28,2), p <- c(40,20,20,15,5) with
    // rescale.p = TRUE → X-squared = 9.9901, df = 4, p-value = 0.04059 (scipy: 0.0405940).
    [[40, 20, 20, 15, 5], 9.9901, 0.040594],
    // and p <- c(0.40,0.20,0.20,0.19,0.01) → X-squared = 5.7947, df = 4, p-value = 0.215.
    [[0.4, 0.2, 0.2, 0.19, 0.01], 5.7947, 0.215013],
  ])('reproduces chisq.test(c(89,37,30,28,2), p = %j): X² %d, p %d', (weights, statistic, p) => {
    expect(pearsonChiSquare([89, 37, 30, 28, 2], weights)).toBeCloseTo(statistic, 4);
    expect(srmPValue([89, 37, 30, 28, 2], weights)).toBeCloseTo(p, 5);
  });

  it('flags a 5000 / 5300 split of a 50/50 plan (p = 0.00312) but not 5000 / 5150 (p = 0.1365)', () => {
    // scipy.stats.chisquare([5000, 5300]) and ([5000, 5150]).
    expect(srmPValue([5000, 5300], [1, 1])).toBeCloseTo(0.0031167, 6);
    expect(srmPValue([5000, 5150], [1, 1])).toBeCloseTo(0.1365203, 6);
    expect(srmPValue([0, 0], [1, 1])).toBe(1);
  });
});

describe('CUPED from sufficient statistics', () => {
  // Per-caller (pre, post) values of two arms; the post value tracks the pre value closely.
  const control = [
    [3, 4],
    [5, 6.5],
    [2, 2],
    [8, 9],
    [6, 6],
    [1, 2.5],
    [7, 8],
  ];
  const treatment = [
    [4, 5.5],
    [2, 3.5],
    [9, 10],
    [5, 7],
    [3, 4],
    [6, 8],
  ];
  const sufficient = (rows: number[][]) => ({
    n: rows.length,
    pre: {
      sum: rows.reduce((s, [x]) => s + x, 0),
      sumSquares: rows.reduce((s, [x]) => s + x * x, 0),
    },
    post: {
      sum: rows.reduce((s, [, y]) => s + y, 0),
      sumSquares: rows.reduce((s, [, y]) => s + y * y, 0),
    },
    sumProducts: rows.reduce((s, [x, y]) => s + x * y, 0),
  });
  const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
  const variance = (values: number[]) => {
    const m = mean(values);
    return values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1);
  };

  it('equals adjusting every caller’s value by θ(x − x̄) with θ = Cov(y, x)/Var(x) pooled (Deng et al. 2013)', () => {
    const all = [...control, ...treatment];
    const xs = all.map(([x]) => x);
    const ys = all.map(([, y]) => y);
    const xBar = mean(xs);
    const yBar = mean(ys);
    const theta =
      xs.reduce((s, x, i) => s + (x - xBar) * (ys[i] - yBar), 0) /
      xs.reduce((s, x) => s + (x - xBar) ** 2, 0);
    const adjusted = (rows: number[][]) => rows.map(([x, y]) => y - theta * (x - xBar));

    const result = cupedAdjust([sufficient(control), sufficient(treatment)]);
    expect(result.theta).toBeCloseTo(theta, 12);
    expect(result.arms[0].mean).toBeCloseTo(mean(adjusted(control)), 12);
    expect(result.arms[0].variance).toBeCloseTo(variance(adjusted(control)), 10);
    expect(result.arms[1].mean).toBeCloseTo(mean(adjusted(treatment)), 12);
    expect(result.arms[1].variance).toBeCloseTo(variance(adjusted(treatment)), 10);
  });

  it('narrows the interval of the difference when the pre-period predicts the metric', () => {
    const cuped = cupedAdjust([sufficient(control), sufficient(treatment)]);
    const raw = (rows: number[][]) =>
      armMoments('mean', {
        n: rows.length,
        successes: 0,
        sum: rows.reduce((s, [, y]) => s + y, 0),
        sumSquares: rows.reduce((s, [, y]) => s + y * y, 0),
      });
    const options = { alpha: 0.05, sequentialTuning: null };
    const plain = compareMeanMoments(raw(control), raw(treatment), options);
    const adjusted = compareMeanMoments(cuped.arms[0], cuped.arms[1], options);
    const width = (ci: [number, number]) => ci[1] - ci[0];
    expect(width(adjusted.absolute.ci)).toBeLessThan(width(plain.absolute.ci) / 2);
  });
});
