import {
  adjustedRandIndex,
  clusterProfiles,
  silhouetteScore,
  standardize,
  type ClusterOptions,
} from '../../../src/plugins/personalization/server/src/core/audience/segmentation';

/** mulberry32: a seeded PRNG so the synthetic data is the same on every run. */
const mulberry32 = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/** Gaussian blobs (Box–Muller) around the centres, with the true blob of each point. */
const blobs = (centres: number[][], perBlob: number, spread: number, seed: number) => {
  const random = mulberry32(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const rows: number[][] = [];
  const truth: number[] = [];
  centres.forEach((centre, blob) => {
    for (let index = 0; index < perBlob; index++) {
      rows.push(centre.map((value) => value + spread * gaussian()));
      truth.push(blob);
    }
  });
  return { rows, truth };
};

const threeBlobs = blobs(
  [
    [0, 0],
    [10, 0],
    [0, 10],
  ],
  40,
  0.6,
  7
);
const standardized = standardize(threeBlobs.rows).rows;

describe('clusterProfiles on three well-separated blobs', () => {
  it('recovers the blobs exactly with k = 3 (ARI 1)', async () => {
    const clustering = await clusterProfiles(standardized, { k: 3, seed: 42 });
    expect(clustering.k).toBe(3);
    expect(clustering.assignments).toHaveLength(120);
    expect(adjustedRandIndex(clustering.assignments, threeBlobs.truth)).toBe(1);
    expect(clustering.centroids).toHaveLength(3);
    expect(clustering.silhouette).toBeGreaterThan(0.8);
  });

  it("chooses k = 3 by silhouette with k 'auto'", async () => {
    const clustering = await clusterProfiles(standardized, { k: 'auto', seed: 42 });
    expect(clustering.k).toBe(3);
    expect(adjustedRandIndex(clustering.assignments, threeBlobs.truth)).toBe(1);
    const two = await clusterProfiles(standardized, { k: 2, seed: 42 });
    expect(clustering.silhouette).toBeGreaterThan(two.silhouette ?? 1);
  });

  it('tries only the k in kRange', async () => {
    const clustering = await clusterProfiles(standardized, { k: 'auto', kRange: [4, 6], seed: 42 });
    expect(clustering.k).toBeGreaterThanOrEqual(4);
    expect(clustering.k).toBeLessThanOrEqual(6);
  });

  it('gives the same assignments and centroids for the same seed', async () => {
    const options: ClusterOptions = { k: 4, seed: 3 };
    const first = await clusterProfiles(standardized, options);
    const second = await clusterProfiles(standardized, options);
    expect(second).toEqual(first);
  });

  it('numbers clusters in order of first appearance', async () => {
    const { assignments } = await clusterProfiles(standardized, { k: 3, seed: 11 });
    expect(assignments[0]).toBe(0);
    expect(assignments[40]).toBe(1);
    expect(assignments[80]).toBe(2);
  });

  it('puts each centroid at the mean of its rows', async () => {
    const { assignments, centroids } = await clusterProfiles(threeBlobs.rows, { k: 3, seed: 1 });
    centroids.forEach((centroid, cluster) => {
      const members = threeBlobs.rows.filter((_, index) => assignments[index] === cluster);
      centroid.forEach((value, column) => {
        const mean = members.reduce((sum, row) => sum + row[column], 0) / members.length;
        expect(value).toBeCloseTo(mean, 9);
      });
    });
  });
});

describe('clusterProfiles edge cases', () => {
  it('drops clusters that repeated rows leave empty', async () => {
    const clustering = await clusterProfiles([[0], [0], [0], [5]], { k: 3, seed: 0 });
    expect(clustering.k).toBe(2);
    expect(clustering.assignments).toEqual([0, 0, 0, 1]);
    expect(clustering.centroids).toEqual([[0], [5]]);
  });

  it("falls back to one cluster with no silhouette when 'auto' finds all rows equal", async () => {
    const clustering = await clusterProfiles(
      [
        [1, 1],
        [1, 1],
        [1, 1],
        [1, 1],
      ],
      {
        k: 'auto',
        seed: 0,
      }
    );
    expect(clustering).toEqual({
      k: 1,
      assignments: [0, 0, 0, 0],
      centroids: [[1, 1]],
      silhouette: null,
    });
  });

  it('accepts k = 1 (no silhouette) and k = n (all singletons, silhouette 0)', async () => {
    const one = await clusterProfiles([[0], [2], [4]], { k: 1, seed: 0 });
    expect(one).toEqual({ k: 1, assignments: [0, 0, 0], centroids: [[2]], silhouette: null });
    const each = await clusterProfiles([[0], [2], [4]], { k: 3, seed: 0 });
    expect(new Set(each.assignments).size).toBe(3);
    expect(each.silhouette).toBe(0);
  });

  it.each<[string, number[][], ClusterOptions, string, RegExp]>([
    ['no rows', [], { k: 2, seed: 0 }, 'too-few-rows', /at least 2 rows \(got 0\)/],
    ['one row', [[1]], { k: 1, seed: 0 }, 'too-few-rows', /at least 2 rows \(got 1\)/],
    ['k = 0', [[1], [2]], { k: 0, seed: 0 }, 'invalid-k', /k must be an integer ≥ 1 \(got 0\)/],
    ['fractional k', [[1], [2]], { k: 1.5, seed: 0 }, 'invalid-k', /k must be an integer/],
    ['k > n', [[1], [2]], { k: 3, seed: 0 }, 'invalid-k', /k = 3 is more clusters than the 2 rows/],
    ['auto on 2 rows', [[1], [2]], { k: 'auto', seed: 0 }, 'invalid-k', /at least 3 rows/],
    [
      'kRange from 1',
      [[1], [2], [3]],
      { k: 'auto', kRange: [1, 3], seed: 0 },
      'invalid-option',
      /kRange/,
    ],
    [
      'kRange reversed',
      [[1], [2], [3]],
      { k: 'auto', kRange: [5, 3], seed: 0 },
      'invalid-option',
      /kRange/,
    ],
    ['NaN', [[1], [Number.NaN]], { k: 1, seed: 0 }, 'non-finite', /row 1, column 0 is NaN/],
    ['-Infinity', [[-Infinity], [1]], { k: 1, seed: 0 }, 'non-finite', /is -Infinity/],
    ['ragged rows', [[1, 2], [1]], { k: 1, seed: 0 }, 'invalid-rows', /row 1 has 1 values/],
    ['no features', [[], []], { k: 1, seed: 0 }, 'invalid-rows', /no features/],
    [
      'fractional seed',
      [[1], [2]],
      { k: 1, seed: 0.5 },
      'invalid-option',
      /seed must be an integer/,
    ],
    [
      'maxIterations 0',
      [[1], [2]],
      { k: 1, seed: 0, maxIterations: 0 },
      'invalid-option',
      /maxIterations/,
    ],
  ])('refuses %s', async (_name, rows, options, code, message) => {
    await expect(clusterProfiles(rows, options)).rejects.toMatchObject({
      name: 'SegmentationError',
      code,
      message: expect.stringMatching(message),
    });
  });
});

describe('silhouetteScore', () => {
  it.each<[string, number[][], number[], number | null]>([
    // a = mean distance to the own cluster, b = to the nearest other, s = (b − a) / max(a, b):
    // 0: a 1, b (4+6)/2 = 5 → 4/5;  1: a 1, b (3+5)/2 = 4 → 3/4
    // 4: a 2, b (4+3)/2 = 3.5 → 3/7;  6: a 2, b (6+5)/2 = 5.5 → 7/11
    // mean = (4/5 + 3/4 + 3/7 + 7/11) / 4 = 4027/6160
    ['two 1-D clusters', [[0], [1], [4], [6]], [0, 0, 1, 1], 4027 / 6160],
    // 2-D, Euclidean: (0,0),(0,2) against (3,4)…: distances 5 and √13.
    // (0,0): a 2, b 5 → 3/5;  (0,2): a 2, b √13 → (√13 − 2)/√13;  (3,4) alone → 0
    [
      'Euclidean in 2-D, with a singleton',
      [
        [0, 0],
        [0, 2],
        [3, 4],
      ],
      [0, 0, 1],
      (3 / 5 + (Math.sqrt(13) - 2) / Math.sqrt(13)) / 3,
    ],
    ['any label values', [[0], [1], [4], [6]], [9, 9, -3, -3], 4027 / 6160],
    ['one cluster', [[0], [1], [2]], [4, 4, 4], null],
    // a = b = 0 makes 0/0; counted as 0 like scikit-learn, never NaN.
    ['clusters on the same spot', [[1], [1], [1], [1]], [0, 0, 1, 1], 0],
  ])('%s', (_name, rows, assignments, expected) => {
    const score = silhouetteScore(rows, assignments);
    if (expected === null) expect(score).toBeNull();
    else expect(score).toBeCloseTo(expected, 12);
  });

  it('scores a seeded sample above sampleSize, reproducibly and close to the full score', () => {
    const big = blobs(
      [
        [0, 0],
        [4, 0],
      ],
      300,
      1.2,
      5
    );
    const full = silhouetteScore(big.rows, big.truth, { sampleSize: 600 });
    const sampled = silhouetteScore(big.rows, big.truth, { sampleSize: 150, seed: 1 });
    const again = silhouetteScore(big.rows, big.truth, { sampleSize: 150, seed: 1 });
    const otherSeed = silhouetteScore(big.rows, big.truth, { sampleSize: 150, seed: 2 });
    expect(sampled).toBe(again);
    expect(otherSeed).not.toBe(sampled);
    expect(sampled).not.toBe(full);
    expect(Math.abs((sampled ?? 0) - (full ?? 0))).toBeLessThan(0.05);
  });

  it.each<[string, number[][], number[], number | undefined, RegExp]>([
    ['fewer assignments than rows', [[0], [1]], [0], undefined, /2 rows but 1 assignments/],
    ['a sample of one', [[0], [1]], [0, 1], 1, /sampleSize must be an integer ≥ 2/],
    ['NaN in a row', [[0], [Number.NaN]], [0, 1], undefined, /non-finite|is NaN/],
  ])('refuses %s', (_name, rows, assignments, sampleSize, message) => {
    expect(() => silhouetteScore(rows, assignments, { sampleSize })).toThrow(message);
  });
});
