import type { Core, UID } from '@strapi/strapi';

const PREFERRED = ['title', 'name', 'label', 'headline'];

/** The attribute that names an entry best: title/name when present, else the first string. */
export const labelField = (strapi: Core.Strapi, uid: string): string | null => {
  const attributes = strapi.contentType(uid as UID.ContentType).attributes as Record<
    string,
    { type: string }
  >;
  const strings = Object.entries(attributes)
    .filter(([name, attribute]) => attribute.type === 'string' && name !== 'variantKey')
    .map(([name]) => name);
  return PREFERRED.find((name) => strings.includes(name)) ?? strings[0] ?? null;
};

export const entryLabel = (entry: Record<string, unknown>, field: string | null): string => {
  const value = field ? entry[field] : null;
  return typeof value === 'string' && value.length > 0 ? value : String(entry.documentId);
};
