import laplace from '@stdlib/random-base-laplace';

/** Draws one sample of Laplace(0, scale). */
export type LaplaceNoise = (scale: number) => number;

/**
 * Laplace noise from @stdlib's sampler over its Mersenne Twister: seeded, the sequence of draws is
 * reproducible (tests); without a seed, the generator is seeded at random.
 */
export const laplaceNoise = (seed: number | null): LaplaceNoise => {
  const draw = seed === null ? laplace.factory() : laplace.factory({ seed });
  return (scale) => draw(0, scale);
};

/** The Laplace mechanism's scale: b = Δ₁ / ε, the L1 sensitivity over the epsilon spent. */
export const laplaceScale = (sensitivity: number, epsilon: number): number => {
  if (!(sensitivity > 0) || !(epsilon > 0)) {
    throw new RangeError('sensitivity and epsilon must be positive');
  }
  return sensitivity / epsilon;
};
