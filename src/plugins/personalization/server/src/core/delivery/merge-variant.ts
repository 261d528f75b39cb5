/** Fields that identify or describe the stored row: always the base entry's own. */
const KEPT_FROM_BASE = new Set([
  'id',
  'documentId',
  'locale',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'variantKey',
  'variantOf',
  'variants',
  'localizations',
  'personalization',
]);

const isEmpty = (value: unknown): boolean =>
  value === null ||
  value === undefined ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

/**
 * The base entry with the variant's content: every field the variant fills in replaces the base's;
 * empty variant fields (null, '', []) keep the base's value, so a variant only states what differs.
 */
export const mergeVariant = <Entry extends Record<string, unknown>>(
  base: Entry,
  variant: Record<string, unknown>
): Entry => {
  const merged: Record<string, unknown> = Object.assign({}, base);
  for (const [field, value] of Object.entries(variant)) {
    if (!KEPT_FROM_BASE.has(field) && !isEmpty(value)) {
      merged[field] = value;
    }
  }
  return merged as Entry;
};
