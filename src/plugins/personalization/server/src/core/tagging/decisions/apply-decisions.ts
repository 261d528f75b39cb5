import { labelKey } from '../entities/clean-label';
import type { ExtractedTag, Tag, TagType } from '../types';

/** An editor's verdict on one tag of one entry; it outlives re-tagging. */
export interface EditorDecision {
  status: 'accepted' | 'rejected';
  /** Set when the editor added the tag by hand: it stays even if no extractor finds it again. */
  added?: ExtractedTag;
}

export type EditorDecisions = Record<string, EditorDecision>;

/** Decisions are keyed by type and case-insensitive label, so "berlin" and "Berlin" are one tag. */
export const decisionKey = (tag: { label: string; type: TagType }): string =>
  `${tag.type}:${labelKey(tag.label)}`;

/**
 * Combines what the extractors found with what editors decided: a rejected tag stays rejected,
 * an accepted tag stays accepted, an added tag stays even when the text no longer yields it.
 */
export const applyDecisions = (
  extracted: readonly ExtractedTag[],
  decisions: EditorDecisions
): Tag[] => {
  const tags: Tag[] = [];
  const seen = new Set<string>();
  for (const tag of extracted) {
    const key = decisionKey(tag);
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    tags.push({ ...tag, status: decisions[key]?.status ?? 'suggested' });
  }
  for (const [key, decision] of Object.entries(decisions)) {
    if (decision.added && decision.status === 'accepted' && !seen.has(key)) {
      seen.add(key);
      tags.push({ ...decision.added, status: 'accepted' });
    }
  }
  return tags;
};
