import type { ExtractedTag } from '../types';
import { labelKey } from './clean-label';

const words = (label: string): string[] => labelKey(label).split(' ').filter(Boolean);

/** True when `short` is a contiguous run of whole words at the start or end of `long` ("Cook" in "Tim Cook"). */
const isShortForm = (short: string, long: string): boolean => {
  const shortWords = words(short);
  const longWords = words(long);
  if (shortWords.length >= longWords.length) {
    return false;
  }
  const head = longWords.slice(0, shortWords.length).join(' ');
  const tail = longWords.slice(longWords.length - shortWords.length).join(' ');
  const target = shortWords.join(' ');
  return head === target || tail === target;
};

/**
 * Merges duplicates and short/long forms of the same name within one type, keeping the longest
 * label and the highest confidence; a name seen several times gets a small confidence boost.
 */
export const mergeEntities = (tags: readonly ExtractedTag[]): ExtractedTag[] => {
  const byLength = [...tags].sort((a, b) => words(b.label).length - words(a.label).length);
  const merged: { tag: ExtractedTag; mentions: number }[] = [];
  for (const tag of byLength) {
    const existing = merged.find(
      (candidate) =>
        candidate.tag.type === tag.type &&
        (labelKey(candidate.tag.label) === labelKey(tag.label) ||
          (tag.type === 'PER' || tag.type === 'ORG'
            ? isShortForm(tag.label, candidate.tag.label)
            : false))
    );
    if (existing) {
      existing.mentions += 1;
      existing.tag = {
        ...existing.tag,
        confidence: Math.max(existing.tag.confidence, tag.confidence),
      };
    } else {
      merged.push({ tag: { ...tag }, mentions: 1 });
    }
  }
  return merged.map(({ tag, mentions }) => ({
    ...tag,
    confidence: round(Math.min(0.99, tag.confidence + 0.03 * (mentions - 1))),
  }));
};

const round = (value: number): number => Math.round(value * 1000) / 1000;
