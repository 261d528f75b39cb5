/** Filters the plugin adds to Liquid; each is pure and reads only what the template passes in. */

const normalize = (value: unknown): string => String(value).trim().toLowerCase();

const tagLabels = (entry: unknown): string[] => {
  if (entry && typeof entry === 'object' && Array.isArray((entry as { tags?: unknown }).tags)) {
    return ((entry as { tags: unknown[] }).tags ?? []).map(normalize);
  }
  return Array.isArray(entry) ? entry.map(normalize) : [];
};

/** `{% if entry | has_tag: 'Berlin' %}`: true when the entry (or a list of labels) carries the tag. */
export const hasTag = (entry: unknown, label: unknown): boolean =>
  label !== undefined && label !== null && tagLabels(entry).includes(normalize(label));

/** `{% if segments | in_segment: 'frequent-readers' %}`: true when the caller is in the segment. */
export const inSegment = (segments: unknown, name: unknown): boolean =>
  Array.isArray(segments) &&
  name !== undefined &&
  segments.map(normalize).includes(normalize(name));
