/**
 * Tag labels (and device names) come from content and clients: "constructor" or "__proto__" are
 * ordinary labels. Weights are summed in Maps and handed out as objects without a prototype, so
 * a label never reads or replaces Object.prototype's members.
 */

/** A record's own finite numeric entries as a Map (a stored profile's JSON, or a view). */
export const weightMap = (record: Readonly<Record<string, number>>): Map<string, number> =>
  new Map(
    Object.entries(record).filter(
      (entry): entry is [string, number] =>
        typeof entry[1] === 'number' && Number.isFinite(entry[1])
    )
  );

/** A null-prototype record of the entries, in their order (`__proto__` becomes an own key). */
export const weightRecord = (
  entries: Iterable<readonly [string, number]>
): Record<string, number> => {
  const record = Object.create(null) as Record<string, number>;
  for (const [label, weight] of entries) record[label] = weight;
  return record;
};
