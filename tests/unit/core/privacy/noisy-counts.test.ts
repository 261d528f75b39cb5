import {
  boundedCounts,
  chargeBudget,
  noisyCounts,
} from '../../../../src/plugins/personalization/server/src/core/privacy';

const zeroNoise = () => 0;

describe('boundedCounts', () => {
  it('keeps each caller’s first contributions up to the bound and ignores cells not released', () => {
    const counts = boundedCounts(
      ['a', 'b', 'c'],
      [
        { caller: 'x', cell: 'a' },
        { caller: 'x', cell: 'b' },
        { caller: 'x', cell: 'c' },
        { caller: 'y', cell: 'c' },
        { caller: 'y', cell: 'unknown' },
      ],
      2
    );
    expect(Object.fromEntries(counts)).toEqual({ a: 1, b: 1, c: 1 });
  });

  it('releases cells nobody contributed to, at 0', () => {
    expect(Object.fromEntries(boundedCounts(['a', 'b'], [], 1))).toEqual({ a: 0, b: 0 });
  });
});

describe('noisyCounts', () => {
  const contributions = (cell: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({ caller: `${cell}-${i}`, cell }));

  it('calibrates the scale to the contribution bound and epsilon', () => {
    const release = noisyCounts({
      cells: ['a'],
      contributions: [],
      maxContributions: 4,
      epsilon: 0.5,
      minCount: 0,
      noise: zeroNoise,
    });
    expect(release).toMatchObject({ sensitivity: 4, scale: 8 });
  });

  it('passes the scale to the sampler and adds its draw', () => {
    const scales: number[] = [];
    const release = noisyCounts({
      cells: ['a', 'b'],
      contributions: [...contributions('a', 30), ...contributions('b', 40)],
      maxContributions: 1,
      epsilon: 2,
      minCount: 0,
      noise: (scale) => {
        scales.push(scale);
        return -2.4;
      },
    });
    expect(scales).toEqual([0.5, 0.5]);
    expect(release.counts.map((c) => c.count)).toEqual([28, 38]);
  });

  it.each([
    [4.4, 5, null, true],
    [10, 5, 15, false],
    [-20, 5, null, true],
  ])('with noise %d on a count of 5 and k = 10: %s', (draw, exact, count, suppressed) => {
    const release = noisyCounts({
      cells: ['a'],
      contributions: contributions('a', exact),
      maxContributions: 1,
      epsilon: 1,
      minCount: 10,
      noise: () => draw,
    });
    expect(release.counts[0]).toEqual({ cell: 'a', count, suppressed });
  });

  it('never releases a negative count when nothing is suppressed', () => {
    const release = noisyCounts({
      cells: ['a'],
      contributions: [],
      maxContributions: 1,
      epsilon: 1,
      minCount: 0,
      noise: () => -3,
    });
    expect(release.counts[0].count).toBe(0);
  });
});

describe('chargeBudget', () => {
  it.each([
    [{ total: 1, spent: 0 }, 0.5, { allowed: true, spent: 0.5, remaining: 0.5 }],
    [{ total: 1, spent: 0.5 }, 0.5, { allowed: true, spent: 1, remaining: 0 }],
    [{ total: 1, spent: 1 }, 0.5, { allowed: false, spent: 1, remaining: 0 }],
    [{ total: 1, spent: 0.7 }, 0.5, { allowed: false, spent: 0.7, remaining: 0.30000000000000004 }],
  ])('%o charged %d → %o', (state, cost, decision) => {
    expect(chargeBudget(state, cost)).toEqual(decision);
  });

  it('fits three releases of a third into a budget of 1', () => {
    let state = { total: 1, spent: 0 };
    for (let i = 0; i < 3; i += 1) {
      const decision = chargeBudget(state, 1 / 3);
      expect(decision.allowed).toBe(true);
      state = { total: 1, spent: decision.spent };
    }
    expect(chargeBudget(state, 1 / 3).allowed).toBe(false);
  });
});
