import fc from 'fast-check';
import {
  alwaysValidPValue,
  compareArms,
  sequentialHalfwidth,
  sequentialRho,
} from '../../../../src/plugins/personalization/server/src/core/experiments/stats';

/**
 * Asymptotic confidence sequences against GrowthBook's reference numbers
 * (packages/stats/tests/frequentist/test_tests.py, TestSequentialTTest).
 */

const growthbookMean = {
  control: { n: 3000, successes: 0, sum: 1396.87, sumSquares: 52377.9767 },
  treatment: { n: 3461, successes: 0, sum: 2422.7, sumSquares: 134698.29 },
};

describe('confidence sequences', () => {
  it('reproduces test_sequential_test_runs (tuning 1000): relative 0.50336, CI (-0.55844, 1.56516)', () => {
    const result = compareArms('mean', growthbookMean.control, growthbookMean.treatment, {
      alpha: 0.05,
      sequentialTuning: 1000,
    });
    expect(result.relative?.estimate).toBeCloseTo(0.50336, 5);
    expect(result.relative?.ci[0]).toBeCloseTo(-0.55844, 5);
    expect(result.relative?.ci[1]).toBeCloseTo(1.56516, 5);
  });

  it('reproduces test_sequential_test_runs_prop (tuning 5000): relative 0.50386, CI (0.40098, 0.60675), p ≈ 0', () => {
    const result = compareArms(
      'proportion',
      { n: 3000, successes: 1396, sum: 1396, sumSquares: 1396 },
      { n: 3461, successes: 2422, sum: 2422, sumSquares: 2422 },
      { alpha: 0.05, sequentialTuning: 5000 }
    );
    expect(result.relative?.estimate).toBeCloseTo(0.50386, 5);
    expect(result.relative?.ci[0]).toBeCloseTo(0.40098, 5);
    expect(result.relative?.ci[1]).toBeCloseTo(0.60675, 5);
    expect(result.pValue).toBeLessThan(5e-6);
  });

  it('is tightest near the tuning parameter, as GrowthBook’s test_sequential_test_tuning_as_expected', () => {
    const width = (tuning: number) => {
      const [low, high] = compareArms('mean', growthbookMean.control, growthbookMean.treatment, {
        alpha: 0.05,
        sequentialTuning: tuning,
      }).absolute.ci;
      return high - low;
    };
    expect(width(10)).toBeGreaterThan(width(10000));
    expect(width(10)).toBeGreaterThan(width(6461));
    expect(width(10000)).toBeGreaterThan(width(6461));
  });

  it('computes ρ as eq. 161 of Waudby-Smith et al.: √((−2 ln α + ln(−2 ln α + 1)) / η)', () => {
    // numpy, GrowthBook's sequential_rho(0.05, 5000): 0.0398400668.
    expect(sequentialRho(0.05, 5000)).toBeCloseTo(0.0398400668, 9);
  });

  it('is always wider than the fixed-horizon interval, and the always-valid p never smaller', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 1_000_000 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: 10, max: 100_000, noNaN: true }),
        (totalN, sd, effect, tuning) => {
          const se = sd / Math.sqrt(totalN);
          const rho = sequentialRho(0.05, tuning);
          const fixedHalfwidth = 1.959964 * se;
          expect(sequentialHalfwidth(se, totalN, 0.05, rho)).toBeGreaterThan(fixedHalfwidth);
          const z = (effect * se) / se;
          const fixedP = 2 * (1 - 0.5 * (1 + erf(Math.abs(z) / Math.SQRT2)));
          expect(alwaysValidPValue(effect * se, se, totalN, rho)).toBeGreaterThanOrEqual(
            fixedP - 1e-9
          );
        }
      ),
      { numRuns: 300 }
    );
  });
});

/** Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): enough for the inequality above. */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return 1 - poly * Math.exp(-x * x);
}
