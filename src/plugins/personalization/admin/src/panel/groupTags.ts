import type { EntryTag } from '../../../shared/contracts/tags';

/** Tags grouped by type (people, places, keywords…), best confidence first within a group. */
export const groupTags = (tags: EntryTag[]): [string, EntryTag[]][] => {
  const groups = new Map<string, EntryTag[]>();
  for (const tag of tags) groups.set(tag.type, [...(groups.get(tag.type) ?? []), tag]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, list]) => [type, [...list].sort((a, b) => b.confidence - a.confidence)]);
};
