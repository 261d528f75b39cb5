import { compareArms } from '../../../../src/plugins/personalization/server/src/core/experiments/stats';
import { seededRandom } from '../../../../src/plugins/personalization/server/src/core/math/seeded-random';

/**
 * Why the dashboard uses confidence sequences while running: A/A experiments (no true effect)
 * looked at 20 times. Stopping at the first fixed-horizon p < 0.05 declares far more than 5 % of
 * them significant; the always-valid p-value keeps the rate at or below α (seed 20261202: 27.3 %
 * fixed-horizon, 2.0 % sequential).
 */
describe('peeking at A/A experiments', () => {
  const runs = 300;
  const callersPerArm = 5000;
  const peeks = 20;
  const rate = 0.1;

  const falsePositiveRate = (sequentialTuning: number | null): number => {
    const random = seededRandom(20261202);
    let rejected = 0;
    for (let run = 0; run < runs; run += 1) {
      const arms = [
        { n: 0, successes: 0, sum: 0, sumSquares: 0 },
        { n: 0, successes: 0, sum: 0, sumSquares: 0 },
      ];
      let significant = false;
      for (let peek = 1; peek <= peeks; peek += 1) {
        const target = (callersPerArm * peek) / peeks;
        for (const arm of arms) {
          while (arm.n < target) {
            arm.n += 1;
            if (random() < rate) arm.successes += 1;
          }
          arm.sum = arm.successes;
          arm.sumSquares = arm.successes;
        }
        const { pValue } = compareArms('proportion', arms[0], arms[1], {
          alpha: 0.05,
          sequentialTuning,
        });
        if (pValue < 0.05) significant = true;
      }
      if (significant) rejected += 1;
    }
    return rejected / runs;
  };

  it('keeps the sequential false-positive rate at or below α = 0.05', () => {
    expect(falsePositiveRate(5000)).toBeLessThanOrEqual(0.05);
  });

  it('shows the fixed-horizon test inflated well above α by the same peeks', () => {
    expect(falsePositiveRate(null)).toBeGreaterThan(0.1);
  });
});
