/**
 * How many of `limit` slots go to exploration: the whole part of `limit × share`, plus one more
 * with the probability of the fraction, so the expected share is exactly `share`.
 */
export const explorationSlots = (limit: number, share: number, random: () => number): number => {
  const expected = limit * Math.min(1, Math.max(0, share));
  const whole = Math.floor(expected);
  return Math.min(limit, whole + (random() < expected - whole ? 1 : 0));
};

/**
 * Draws `count` distinct candidates, each with probability proportional to `1 / (1 + exposure)`:
 * entries few people saw are favoured, none is ruled out.
 */
export const drawLessExposed = (
  candidates: readonly number[],
  exposure: (candidate: number) => number,
  count: number,
  random: () => number
): number[] => {
  const pool = [...candidates];
  const weights = pool.map((candidate) => 1 / (1 + exposure(candidate)));
  const drawn: number[] = [];
  while (drawn.length < count && pool.length > 0) {
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    let target = random() * total;
    let position = 0;
    while (position < pool.length - 1 && target >= weights[position]) {
      target -= weights[position];
      position += 1;
    }
    drawn.push(pool[position]);
    pool.splice(position, 1);
    weights.splice(position, 1);
  }
  return drawn;
};
