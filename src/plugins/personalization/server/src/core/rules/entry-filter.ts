import type { EntryFacts, EntryFilter } from './types';

/** True when the filter (if any) lets the entry through: listed documentIds and/or any listed tag. */
export const matchesEntryFilter = (filter: EntryFilter | null, entry: EntryFacts): boolean => {
  if (!filter) return true;
  if (
    filter.documentIds &&
    filter.documentIds.length > 0 &&
    !filter.documentIds.includes(entry.documentId)
  ) {
    return false;
  }
  if (filter.tags && filter.tags.length > 0) {
    const labels = new Set(entry.tags.map((tag) => tag.toLowerCase()));
    return filter.tags.some((tag) => labels.has(tag.toLowerCase()));
  }
  return true;
};
