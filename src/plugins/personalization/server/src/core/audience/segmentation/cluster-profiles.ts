import { assertFiniteMatrix, compactLabels, type Matrix } from './matrix';
import { SegmentationError } from './segmentation-error';
import { silhouetteScore } from './silhouette-score';

export interface ClusterOptions {
  /** A number of clusters, or 'auto' to keep the k in kRange with the highest silhouette. */
  k: number | 'auto';
  /** Inclusive range tried by 'auto'; its upper end is capped at rows - 1. Ignored for a fixed k. */
  kRange?: readonly [number, number];
  /** Seeds k-means++ initialization (and the silhouette sample): same seed, same clustering. */
  seed: number;
  maxIterations?: number;
}

export interface Clustering {
  /** Clusters actually used: can be less than asked when rows repeat (empty clusters are dropped). */
  k: number;
  /** Cluster of each row, 0 … k - 1 numbered in order of first appearance. */
  assignments: number[];
  /** Centroid of each cluster, in the space of the rows given. */
  centroids: number[][];
  /** Mean silhouette of the assignment; null for a single cluster. */
  silhouette: number | null;
}

export const DEFAULT_K_RANGE: readonly [number, number] = [2, 8];
const DEFAULT_MAX_ITERATIONS = 100;

/** ml-kmeans is ESM-only; the plugin compiles to CommonJS, so it is loaded with import(). */
const loadKMeans = async () => (await import('ml-kmeans')).kmeans;

const isPositiveInteger = (value: number): boolean => Number.isInteger(value) && value >= 1;

const candidateKs = (options: ClusterOptions, rowCount: number): number[] => {
  if (options.k !== 'auto') {
    if (!isPositiveInteger(options.k)) {
      throw new SegmentationError('invalid-k', `k must be an integer ≥ 1 (got ${options.k})`);
    }
    if (options.k > rowCount) {
      throw new SegmentationError(
        'invalid-k',
        `k = ${options.k} is more clusters than the ${rowCount} rows`
      );
    }
    return [options.k];
  }
  const [low, high] = options.kRange ?? DEFAULT_K_RANGE;
  if (!Number.isInteger(low) || !Number.isInteger(high) || low < 2 || high < low) {
    throw new SegmentationError(
      'invalid-option',
      `kRange must be two integers 2 ≤ low ≤ high (got [${low}, ${high}])`
    );
  }
  // A silhouette needs at least one cluster with two rows: k ≤ n - 1.
  const cappedHigh = Math.min(high, rowCount - 1);
  if (cappedHigh < low) {
    throw new SegmentationError(
      'invalid-k',
      `k 'auto' needs at least ${low + 1} rows to try k = ${low} (got ${rowCount})`
    );
  }
  return Array.from({ length: cappedHigh - low + 1 }, (_, offset) => low + offset);
};

/**
 * K-Means (ml-kmeans, k-means++ initialization) over rows that are already standardized.
 * With k 'auto', every k in kRange is run and the highest silhouette wins (the smaller k on a
 * tie). Asynchronous only because ml-kmeans has to be imported.
 */
export const clusterProfiles = async (
  rows: Matrix,
  options: ClusterOptions
): Promise<Clustering> => {
  if (rows.length < 2) {
    throw new SegmentationError(
      'too-few-rows',
      `clustering needs at least 2 rows (got ${rows.length})`
    );
  }
  if (assertFiniteMatrix(rows) === 0) {
    throw new SegmentationError('invalid-rows', 'rows have no features to cluster on');
  }
  if (!Number.isSafeInteger(options.seed)) {
    throw new SegmentationError('invalid-option', `seed must be an integer (got ${options.seed})`);
  }
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  // ml-kmeans reads 0 as "until convergence", which is no bound at all.
  if (!isPositiveInteger(maxIterations)) {
    throw new SegmentationError(
      'invalid-option',
      `maxIterations must be an integer ≥ 1 (got ${maxIterations})`
    );
  }
  const ks = candidateKs(options, rows.length);

  const kmeans = await loadKMeans();
  const data = rows.map((row) => [...row]);
  const clusterings = ks.map((k): Clustering => {
    const result = kmeans(data, k, {
      initialization: 'kmeans++',
      seed: options.seed,
      maxIterations,
    });
    // Repeated rows can leave clusters empty; numbering by first appearance drops them.
    const used = [...new Set(result.clusters)];
    const assignments = compactLabels(result.clusters);
    return {
      k: used.length,
      assignments,
      centroids: used.map((cluster) => [...result.centroids[cluster]]),
      silhouette:
        used.length >= 2 ? silhouetteScore(rows, assignments, { seed: options.seed }) : null,
    };
  });
  return clusterings.reduce((best, candidate) =>
    (candidate.silhouette ?? -Infinity) > (best.silhouette ?? -Infinity) ? candidate : best
  );
};
