import { SegmentationError } from './segmentation-error';

export type ClusterLabel = string | number;

/** Pairs among `count` items, C(count, 2), exactly. */
const pairs = (count: number): bigint => (BigInt(count) * BigInt(count - 1)) / 2n;

const countBy = <Key>(keys: Iterable<Key>): Map<Key, number> => {
  const counts = new Map<Key, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
};

const sumOfPairs = (counts: Iterable<number>): bigint => {
  let total = 0n;
  for (const count of counts) total += pairs(count);
  return total;
};

/**
 * Adjusted Rand Index (Hubert & Arabie, 1985) of two labelings of the same items, from the
 * contingency table: 1 for the same partition (whatever the label names), about 0 for chance
 * agreement, negative below chance. Labels compare as Map keys do, so 1 and '1' differ.
 *
 *   ARI = (Σij C(nij,2) − Σi C(ai,2)·Σj C(bj,2) / C(n,2)) / (½(Σi C(ai,2) + Σj C(bj,2)) − Σi C(ai,2)·Σj C(bj,2) / C(n,2))
 *
 * Both sides are multiplied by 2·C(n,2) and computed in BigInt, so only the final division
 * rounds. The denominator is 0 only when both labelings are one cluster, or both all
 * singletons (or n < 2): the partitions are then identical and the index is 1.
 */
export const adjustedRandIndex = (
  a: ReadonlyArray<ClusterLabel>,
  b: ReadonlyArray<ClusterLabel>
): number => {
  if (a.length !== b.length) {
    throw new SegmentationError(
      'mismatched-lengths',
      `the labelings cover ${a.length} and ${b.length} items; they must label the same items`
    );
  }
  const cells = new Map<ClusterLabel, Map<ClusterLabel, number>>();
  a.forEach((label, index) => {
    const row = cells.get(label) ?? new Map<ClusterLabel, number>();
    row.set(b[index], (row.get(b[index]) ?? 0) + 1);
    cells.set(label, row);
  });

  let index = 0n;
  for (const row of cells.values()) index += sumOfPairs(row.values());
  const rowPairs = sumOfPairs(countBy(a).values());
  const columnPairs = sumOfPairs(countBy(b).values());
  const allPairs = pairs(a.length);

  const numerator = 2n * allPairs * index - 2n * rowPairs * columnPairs;
  const denominator = allPairs * (rowPairs + columnPairs) - 2n * rowPairs * columnPairs;
  return denominator === 0n ? 1 : Number(numerator) / Number(denominator);
};
