import {
  adjustedRandIndex,
  compareAssignments,
  SegmentationError,
} from '../../../src/plugins/personalization/server/src/core/audience/segmentation';

describe('adjustedRandIndex', () => {
  it.each<[string, (string | number)[], (string | number)[], number]>([
    // scikit-learn's documented adjusted_rand_score values.
    ['same partition, same names', [0, 0, 1, 1], [0, 0, 1, 1], 1],
    ['same partition, swapped names', [0, 0, 1, 1], [1, 1, 0, 0], 1],
    [
      'one class split in two (sklearn: 0.5714285714285715 = 4/7)',
      [0, 0, 1, 1],
      [0, 0, 1, 2],
      4 / 7,
    ],
    ['symmetric', [0, 0, 1, 2], [0, 0, 1, 1], 4 / 7],
    ['one cluster against all singletons', [0, 0, 0, 0], [0, 1, 2, 3], 0],
    ['worse than chance', [0, 0, 1, 1], [0, 1, 0, 1], -0.5],
    ['string labels', ['a', 'a', 'b', 'b'], ['x', 'x', 'y', 'z'], 4 / 7],
    ['both a single cluster (0 / 0)', [5, 5, 5], ['s', 's', 's'], 1],
    ['both all singletons (0 / 0)', [1, 2, 3], [3, 2, 1], 1],
    ['one item: no pairs', [0], [7], 1],
  ])('%s', (_name, a, b, expected) => {
    expect(adjustedRandIndex(a, b)).toBeCloseTo(expected, 14);
  });

  it('matches a contingency table computed by hand', () => {
    // n = 10 items, rows = labeling a, columns = labeling b:
    //            b=x  b=y  b=z | ai
    //     a=1     1    1    0  |  2
    //     a=2     1    2    1  |  4
    //     a=3     0    0    4  |  4
    //     bj      2    3    5  | 10
    // Σ C(nij,2) = C(2,2) + C(4,2) = 1 + 6 = 7
    // Σ C(ai,2)  = 1 + 6 + 6 = 13;  Σ C(bj,2) = 1 + 3 + 10 = 14;  C(10,2) = 45
    // expected = 13·14 / 45 = 182/45;  max = (13 + 14) / 2 = 27/2
    // ARI = (7 − 182/45) / (27/2 − 182/45) = (133/45) / (851/90) = 266/851 ≈ 0.312573
    const a = [1, 1, 2, 2, 2, 2, 3, 3, 3, 3];
    const b = ['x', 'y', 'x', 'y', 'y', 'z', 'z', 'z', 'z', 'z'];
    expect(adjustedRandIndex(a, b)).toBeCloseTo(266 / 851, 14);
    expect(adjustedRandIndex(b, a)).toBeCloseTo(266 / 851, 14);
  });

  it('does not take 1 and "1" for the same label', () => {
    expect(adjustedRandIndex([1, 1, '1', '1'], [0, 0, 1, 1])).toBe(1);
    expect(adjustedRandIndex([1, 1, '1', '1'], [0, 0, 0, 0])).toBe(0);
  });

  it('refuses labelings of different lengths', () => {
    expect(() => adjustedRandIndex([0, 1], [0, 1, 2])).toThrow(SegmentationError);
    expect(() => adjustedRandIndex([0, 1], [0, 1, 2])).toThrow(/2 and 3 items/);
  });
});

describe('compareAssignments', () => {
  const map = (entries: Record<string, string>) => new Map(Object.entries(entries));

  it.each<[string, Record<string, string>, Record<string, string>, number | null, number]>([
    [
      'same grouping under new segment ids',
      { a: 's1', b: 's1', c: 's2' },
      { a: 'k7', b: 'k7', c: 'k3' },
      1,
      3,
    ],
    [
      'profiles in only one run are left out',
      { a: 's1', b: 's1', c: 's2', gone: 's2' },
      { a: 'k1', b: 'k1', c: 'k2', fresh: 'k1' },
      1,
      3,
    ],
    [
      'crossed groupings',
      { a: 'x', b: 'x', c: 'y', d: 'y' },
      { a: 'p', b: 'q', c: 'p', d: 'q' },
      -0.5,
      4,
    ],
    ['one common profile: no pair', { a: 'x', b: 'y' }, { a: 'x', c: 'y' }, null, 1],
    ['nothing in common', { a: 'x' }, { b: 'x' }, null, 0],
  ])('%s', (_name, previous, current, ari, common) => {
    const comparison = compareAssignments(map(previous), map(current));
    expect(comparison.common).toBe(common);
    if (ari === null) expect(comparison.ari).toBeNull();
    else expect(comparison.ari).toBeCloseTo(ari, 14);
  });
});
