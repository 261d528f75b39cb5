/** A content type and the revision it had when a read began. */
export type TypeRevision = readonly [uid: string, revision: number];

/**
 * The revisions every read behind one answer saw (a list is a findMany and a count). The answer
 * may be kept only when each type was read at one revision and every type is tracked: a write
 * between the two reads would otherwise store a mix of two states.
 */
export const createReadRevisions = (revisionOf: (uid: string) => number) => {
  const seen = new Map<string, number>();
  let keepable = true;
  return {
    /** `types` is null when a read reached a type whose writes are not tracked. */
    note(types: readonly string[] | null): void {
      if (!types) {
        keepable = false;
        return;
      }
      for (const uid of types) {
        const revision = revisionOf(uid);
        const earlier = seen.get(uid);
        if (earlier !== undefined && earlier !== revision) keepable = false;
        seen.set(uid, revision);
      }
    },
    /** What the answer may be kept under, or null when it must not be kept. */
    snapshot: (): TypeRevision[] | null => (keepable && seen.size > 0 ? [...seen] : null),
  };
};

/** Whether no type an answer read has been written since (its revisions are all current). */
export const isCurrent = (
  snapshot: readonly TypeRevision[],
  revisionOf: (uid: string) => number
): boolean => snapshot.every(([uid, revision]) => revisionOf(uid) === revision);
