import {
  decodeBioPath,
  greedyPath,
  viterbi,
  type CrfScores,
} from '../../../../src/plugins/personalization/server/src/core/tagging';

/** Two tags, A (0) and B (1); the paths' scores are worked out by hand below. */
const CRF: CrfScores = {
  transitions: [
    [0, -2],
    [1, 0],
  ],
  start: [0, 1],
  end: [0, 0.5],
};
const EMISSIONS = new Float32Array([2, 0, 0, 1, 1, 0]);

const pathScore = (emissions: ArrayLike<number>, crf: CrfScores, path: number[]): number => {
  const width = crf.start.length;
  return path.reduce(
    (sum, tag, position) =>
      sum +
      emissions[position * width + tag] +
      (position === 0 ? crf.start[tag] : crf.transitions[path[position - 1]][tag]),
    crf.end[path[path.length - 1]]
  );
};

/** A small deterministic generator, so the brute-force comparison is reproducible. */
const numbers = (seed: number) => {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return (state / 2147483648) * 4 - 2;
  };
};

describe('Viterbi decoding of a linear-chain CRF', () => {
  it('finds the best path of a hand-computed example, where the greedy tags differ', () => {
    // AAA 3, AAB 0.5, ABA 3, ABB 1.5, BAA 3, BAB 0.5, BBA 4, BBB 2.5.
    expect(viterbi(EMISSIONS, CRF, 3)).toEqual([1, 1, 0]);
    expect(pathScore(EMISSIONS, CRF, [1, 1, 0])).toBe(4);
    expect(greedyPath(EMISSIONS, 2, 3)).toEqual([0, 1, 0]);
  });

  it('scores a single token with its start and end scores, and an empty sentence as no tags', () => {
    // A: 0 + 2 + 0 = 2, B: 1 + 0 + 0.5 = 1.5.
    expect(viterbi(EMISSIONS, CRF, 1)).toEqual([0]);
    expect(viterbi(new Float32Array([0, 0.6]), CRF, 1)).toEqual([1]);
    expect(viterbi(new Float32Array(0), CRF, 0)).toEqual([]);
  });

  it('agrees with scoring every path of random three-tag examples', () => {
    const next = numbers(7);
    for (let example = 0; example < 20; example += 1) {
      const crf: CrfScores = {
        transitions: [0, 1, 2].map(() => [next(), next(), next()]),
        start: [next(), next(), next()],
        end: [next(), next(), next()],
      };
      const emissions = Float64Array.from({ length: 12 }, next);
      let best = -Infinity;
      for (let code = 0; code < 81; code += 1) {
        const path = [0, 1, 2, 3].map((position) => Math.floor(code / 3 ** position) % 3);
        best = Math.max(best, pathScore(emissions, crf, path));
      }
      expect(pathScore(emissions, crf, viterbi(emissions, crf, 4))).toBeCloseTo(best, 10);
    }
  });

  it('turns a decoded path into BIO spans scored by the probabilities', () => {
    const labels = ['O', 'B-PER', 'I-PER'];
    const probabilities = new Float32Array([0.1, 0.6, 0.3, 0.2, 0.2, 0.6, 0.9, 0.05, 0.05]);
    const spans = decodeBioPath([1, 2, 0], probabilities, labels);
    expect(spans).toEqual([{ start: 0, end: 2, type: 'PER', score: expect.closeTo(0.85, 5) }]);
  });
});
