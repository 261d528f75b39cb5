/** Attribute types whose values a new variant copies from its base (relations, media, components are left out). */
const COPIED_TYPES = new Set([
  'string',
  'text',
  'richtext',
  'blocks',
  'enumeration',
  'email',
  'integer',
  'biginteger',
  'float',
  'decimal',
  'boolean',
  'date',
  'datetime',
  'time',
  'json',
  'uid',
]);

// The variant's own fields are set by the caller; i18n's locale is a request parameter, not data.
const SKIPPED_FIELDS = new Set(['variantKey', 'variantOf', 'variants', 'locale', 'localizations']);

interface AttributeShape {
  type: string;
  unique?: boolean;
}

/**
 * The data of a new variant: the base's scalar fields (so the editor changes only what differs),
 * with unique and uid values suffixed by the key so they stay unique.
 */
export const variantDraftData = (
  base: Record<string, unknown>,
  attributes: Record<string, AttributeShape>,
  key: string
): Record<string, unknown> => {
  const data: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    if (SKIPPED_FIELDS.has(name) || !COPIED_TYPES.has(attribute.type)) continue;
    const value = base[name];
    if (value === undefined || value === null) continue;
    const mustDiffer = attribute.type === 'uid' || attribute.unique === true;
    data[name] = mustDiffer && typeof value === 'string' ? `${value}-${key}` : value;
  }
  return data;
};
