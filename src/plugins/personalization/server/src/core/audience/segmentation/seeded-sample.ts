import { seededRandom } from '../../math/seeded-random';

/**
 * `size` distinct indices out of 0 … count - 1, the same for the same seed, in ascending order.
 * A partial Fisher–Yates shuffle: every subset is equally likely.
 */
export const sampleIndices = (count: number, size: number, seed: number): number[] => {
  const random = seededRandom(seed);
  const indices = Array.from({ length: count }, (_, index) => index);
  const picked = Math.min(size, count);
  for (let position = 0; position < picked; position++) {
    const swap = position + Math.floor(random() * (count - position));
    [indices[position], indices[swap]] = [indices[swap], indices[position]];
  }
  return indices.slice(0, picked).sort((a, b) => a - b);
};
