import betaRandom from '@stdlib/random-base-beta';
import normalRandom from '@stdlib/random-base-normal';
import { seededRandom } from '../../math/seeded-random';
import type { Posterior } from './types';

export const DEFAULT_DRAWS = 10_000;

/**
 * Thompson sampling's allocation: each arm's probability of having the highest true value, by
 * Monte Carlo over the posteriors. Each draw samples every arm once from its posterior and counts
 * the arm with the largest sample (ties to the first). The uniform stream is seeded, so the same
 * posteriors and seed always give the same probabilities.
 */
export const probabilityBest = (
  posteriors: readonly Posterior[],
  seed: number,
  draws = DEFAULT_DRAWS
): number[] => {
  const uniform = seededRandom(seed);
  const beta = betaRandom.factory({ prng: uniform });
  const normal = normalRandom.factory({ prng: uniform });
  const sample = (posterior: Posterior): number =>
    posterior.kind === 'beta'
      ? beta(posterior.alpha, posterior.beta)
      : normal(posterior.mean, posterior.sd);
  const wins = posteriors.map(() => 0);
  for (let draw = 0; draw < draws; draw += 1) {
    let best = 0;
    let bestValue = -Infinity;
    posteriors.forEach((posterior, index) => {
      const value = sample(posterior);
      if (value > bestValue) {
        bestValue = value;
        best = index;
      }
    });
    wins[best] += 1;
  }
  return wins.map((count) => count / draws);
};
