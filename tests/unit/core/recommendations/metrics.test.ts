import {
  averagePrecisionAtK,
  catalogueCoverage,
  entropyBits,
  gini,
  ndcgAtK,
  precisionAtK,
  recallAtK,
  topShare,
} from '../../../../src/plugins/personalization/server/src/core/recommendations';

// Ranked a b c d; relevant a c e. Hits at ranks 1 and 3.
const ranked = ['a', 'b', 'c', 'd'];
const relevant = new Set(['a', 'c', 'e']);

describe('ranking metrics against hand-computed values', () => {
  it.each([
    ['precision@4 = 2/4', precisionAtK(ranked, relevant, 4), 0.5],
    ['precision@2 = 1/2', precisionAtK(ranked, relevant, 2), 0.5],
    ['precision@1 = 1', precisionAtK(ranked, relevant, 1), 1],
    ['recall@4 = 2/3', recallAtK(ranked, relevant, 4), 2 / 3],
    ['recall@1 = 1/3', recallAtK(ranked, relevant, 1), 1 / 3],
    // DCG = 1/log2(2) + 1/log2(4) = 1.5; IDCG = 1 + 1/log2(3) + 1/log2(4) = 2.130930
    ['nDCG@4 = 1.5 / 2.130930', ndcgAtK(ranked, relevant, 4), 1.5 / 2.13092975],
    ['nDCG@1 = 1', ndcgAtK(ranked, relevant, 1), 1],
    // AP@4 = (1/1 + 2/3) / min(4, 3)
    ['AP@4 = (1 + 2/3) / 3', averagePrecisionAtK(ranked, relevant, 4), 5 / 9],
    ['AP@2 = 1 / 2', averagePrecisionAtK(ranked, relevant, 2), 0.5],
    ['nothing relevant: recall 0', recallAtK(ranked, new Set(), 4), 0],
    ['nothing relevant: nDCG 0', ndcgAtK(ranked, new Set(), 4), 0],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBeCloseTo(expected, 6);
  });
});

describe('exposure metrics', () => {
  it.each([
    ['equal exposure', [1, 1, 1, 1], 0],
    // sorted 0 0 0 1: Σ(2i − n − 1)·x = 3·1 = 3, over n·Σx = 4 → 0.75
    ['one item takes all of four', [0, 0, 1, 0], 0.75],
    // Σ(2i − 5)·x = −3 − 2 + 3 + 12 = 10, over 4 · 10 → 0.25
    ['1 2 3 4', [4, 1, 3, 2], 0.25],
    ['nothing exposed', [0, 0, 0], 0],
  ])('Gini of %s', (_name, amounts, expected) => {
    expect(gini(amounts)).toBeCloseTo(expected, 10);
  });

  it.each([
    [[1, 1], 1],
    [[1, 1, 1, 1], 2],
    [[5], 0],
    // −(3/4·log2 3/4 + 1/4·log2 1/4)
    [[3, 1], 0.811278],
  ])('entropy of %j is %d bits', (counts, expected) => {
    expect(entropyBits(counts)).toBeCloseTo(expected, 6);
  });

  it('takes the top 10% share and the catalogue coverage', () => {
    // Catalogue of 10: the top 1 entry has 5 of 10 exposures.
    expect(topShare([5, 3, 1, 1], 10)).toBe(0.5);
    // Catalogue of 20: the top 2 have 8 of 10.
    expect(topShare([5, 3, 1, 1], 20)).toBe(0.8);
    expect(
      catalogueCoverage(
        [
          ['a', 'b'],
          ['b', 'c'],
        ],
        4
      )
    ).toBe(0.75);
  });
});
