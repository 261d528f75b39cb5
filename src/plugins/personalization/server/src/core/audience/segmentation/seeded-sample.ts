/** mulberry32: a tiny seeded generator of floats in [0, 1). Reproducible, not for secrets. */
const mulberry32 = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/**
 * `size` distinct indices out of 0 … count - 1, the same for the same seed, in ascending order.
 * A partial Fisher–Yates shuffle: every subset is equally likely.
 */
export const sampleIndices = (count: number, size: number, seed: number): number[] => {
  const random = mulberry32(seed);
  const indices = Array.from({ length: count }, (_, index) => index);
  const picked = Math.min(size, count);
  for (let position = 0; position < picked; position++) {
    const swap = position + Math.floor(random() * (count - position));
    [indices[position], indices[swap]] = [indices[swap], indices[position]];
  }
  return indices.slice(0, picked).sort((a, b) => a - b);
};
