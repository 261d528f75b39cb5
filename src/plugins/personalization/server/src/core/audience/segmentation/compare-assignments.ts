import { adjustedRandIndex } from './adjusted-rand-index';

export interface AssignmentComparison {
  /** ARI over the profiles in both runs; null when fewer than 2 are (no pair to compare). */
  ari: number | null;
  /** How many profile keys both runs assigned. */
  common: number;
}

/**
 * How far one segmentation run agrees with the previous one, by profile key → segment id.
 * Profiles new or gone since the previous run are left out: the ARI compares the same items.
 */
export const compareAssignments = (
  previous: ReadonlyMap<string, string>,
  current: ReadonlyMap<string, string>
): AssignmentComparison => {
  const before: string[] = [];
  const after: string[] = [];
  for (const [key, segment] of previous) {
    const now = current.get(key);
    if (now === undefined) continue;
    before.push(segment);
    after.push(now);
  }
  return {
    ari: before.length < 2 ? null : adjustedRandIndex(before, after),
    common: before.length,
  };
};
