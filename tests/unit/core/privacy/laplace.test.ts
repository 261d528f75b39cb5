import {
  laplaceNoise,
  laplaceScale,
} from '../../../../src/plugins/personalization/server/src/core/privacy';

const moments = (draws: number[]) => {
  const mean = draws.reduce((sum, x) => sum + x, 0) / draws.length;
  const variance = draws.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (draws.length - 1);
  return { mean, variance };
};

describe('Laplace noise', () => {
  it.each([
    [1, 1, 1],
    [5, 0.5, 10],
    [20, 1, 20],
  ])('scale of Δ=%d, ε=%d is %d', (sensitivity, epsilon, scale) => {
    expect(laplaceScale(sensitivity, epsilon)).toBe(scale);
  });

  it('refuses a non-positive sensitivity or epsilon', () => {
    expect(() => laplaceScale(1, 0)).toThrow(RangeError);
    expect(() => laplaceScale(0, 1)).toThrow(RangeError);
  });

  it.each([0.5, 2, 10])(
    'has mean near 0 and variance near 2b² over 200 000 seeded draws (b = %d)',
    (scale) => {
      const noise = laplaceNoise(20261202);
      const draws = Array.from({ length: 200_000 }, () => noise(scale));
      const { mean, variance } = moments(draws);
      const expectedVariance = 2 * scale ** 2;
      // Standard error of the mean: √(2b²/n); four of them.
      expect(Math.abs(mean)).toBeLessThan(4 * Math.sqrt(expectedVariance / draws.length));
      // The sample variance of a Laplace has relative SE √(5/n) ≈ 0.5 % here; allow 3 %.
      expect(Math.abs(variance / expectedVariance - 1)).toBeLessThan(0.03);
      // Half of the mass lies within b·ln 2 of 0.
      const inside = draws.filter((x) => Math.abs(x) <= scale * Math.LN2).length / draws.length;
      expect(Math.abs(inside - 0.5)).toBeLessThan(0.01);
    }
  );

  it('repeats the same draws for the same seed and differs for another', () => {
    const a = laplaceNoise(7);
    const b = laplaceNoise(7);
    const c = laplaceNoise(8);
    const first = [a(1), a(1), a(1)];
    expect([b(1), b(1), b(1)]).toEqual(first);
    expect([c(1), c(1), c(1)]).not.toEqual(first);
  });
});
