import { silhouette } from './statistics';
import { assertFiniteMatrix, compactLabels, type Matrix } from './matrix';
import { sampleIndices } from './seeded-sample';
import { SegmentationError } from './segmentation-error';

export interface SilhouetteOptions {
  /** Above this many rows, a seeded sample of this size is scored (the cost is O(n²)). */
  sampleSize?: number;
  /** Seed of the sample; the same seed scores the same rows. */
  seed?: number;
}

export const DEFAULT_SILHOUETTE_SAMPLE_SIZE = 2000;

/**
 * Mean silhouette (Euclidean) of a clustering, from -1 (wrong clusters) to 1 (tight, apart);
 * null when the scored rows fall in fewer than two clusters, where it is undefined.
 * Per-point values come from simple-statistics (0 for a point alone in its cluster, as
 * scikit-learn); its `silhouetteMetric` is the maximum, not the mean, so it is not used.
 */
export const silhouetteScore = (
  rows: Matrix,
  assignments: readonly number[],
  options: SilhouetteOptions = {}
): number | null => {
  const sampleSize = options.sampleSize ?? DEFAULT_SILHOUETTE_SAMPLE_SIZE;
  if (!Number.isInteger(sampleSize) || sampleSize < 2) {
    throw new SegmentationError(
      'invalid-option',
      `sampleSize must be an integer ≥ 2 (got ${sampleSize})`
    );
  }
  if (rows.length !== assignments.length) {
    throw new SegmentationError(
      'mismatched-lengths',
      `${rows.length} rows but ${assignments.length} assignments`
    );
  }
  assertFiniteMatrix(rows);

  const scored =
    rows.length > sampleSize
      ? sampleIndices(rows.length, sampleSize, options.seed ?? 0)
      : rows.map((_, index) => index);
  // simple-statistics wants labels 0 … G-1 with none missing; a sample may miss a cluster.
  const labels = compactLabels(scored.map((index) => assignments[index]));
  if (new Set(labels).size < 2) return null;

  const values = silhouette(
    scored.map((index) => [...rows[index]]),
    labels
  );
  // (b - a) / max(a, b) is 0 / 0 for a point whose cluster and nearest other cluster sit on the
  // same spot (duplicate profiles split across clusters); scikit-learn counts that as 0 too.
  const total = values.reduce((sum, value) => sum + (Number.isNaN(value) ? 0 : value), 0);
  return total / values.length;
};
