/** A list as it was issued: the type it ranked and the base entries it held. */
export interface IssuedList {
  uid: string;
  items: ReadonlySet<string>;
}

export interface ListClaim {
  list?: string;
  entry?: { uid: string; documentId: string };
}

/** Per event: the list it is attributed to, or why its claimed list is not (null when it names none). */
export type ListVerdict = { list: string } | { rejected: 'not-issued' | 'not-in-list' } | null;

/**
 * Which events' `list` may be credited: only a list the server issued, for the entry's type and
 * holding the entry. Anything else (a forged or expired id, or an entry the list never showed) is
 * still stored as an event, without attribution.
 */
export const attributeLists = (
  events: readonly ListClaim[],
  issued: ReadonlyMap<string, IssuedList>
): ListVerdict[] =>
  events.map(({ list, entry }) => {
    if (list === undefined) return null;
    const known = issued.get(list);
    if (!known) return { rejected: 'not-issued' };
    if (!entry || entry.uid !== known.uid || !known.items.has(entry.documentId)) {
      return { rejected: 'not-in-list' };
    }
    return { list };
  });
