import { createHash } from 'node:crypto';
import type { FlagEvaluation } from '../flags/flag-client';
import { valueAt } from '../templates/caller-paths';
import type { StoredEntry } from './personalize-entries';

export interface DecisionKeyInput {
  contentType: string;
  /** Changes whenever a rule, template or flag definition changes. */
  revision: string;
  documentId: string;
  /** The entry's version: its updatedAt (edits change it). */
  entryVersion: string;
  variants: readonly string[];
  tags: readonly string[];
  /** The caller's state of every flag the rules check (evaluated per caller, never cached). */
  flags: readonly FlagEvaluation[];
  /** The caller paths the rules' templates read, and the caller view to read them from. */
  callerPaths: readonly string[];
  callerView: unknown;
}

/**
 * A cache key for one entry's decision. It holds only what the decision depends on: the entry
 * version, the rule revision, the flag states and the caller values the templates actually read,
 * so two callers share an entry only when nothing that could tell them apart differs.
 */
export const decisionKey = (input: DecisionKeyInput): string => {
  const caller = input.callerPaths.map((path) => [path, valueAt(input.callerView, path) ?? null]);
  const material = JSON.stringify([
    input.contentType,
    input.revision,
    input.documentId,
    input.entryVersion,
    input.variants,
    input.tags,
    input.flags.map((flag) => [flag.name, flag.enabled, flag.variant, flag.payload ?? null]),
    caller,
  ]);
  return createHash('sha1').update(material).digest('base64url');
};

export interface DecisionKeyerInput {
  contentType: string;
  /** The rules and templates revision (their content hashes, not names and counters). */
  revision: string;
  flags: readonly FlagEvaluation[];
  callerPaths: readonly string[];
  callerView: unknown;
}

/** The decision cache's key function for one caller and one request's flag states. */
export const createDecisionKeyer =
  (input: DecisionKeyerInput) =>
  (entry: StoredEntry): string | null =>
    entry.version === null
      ? null
      : decisionKey({
          ...input,
          documentId: entry.documentId,
          entryVersion: entry.version,
          variants: [...entry.variants.keys()],
          tags: entry.tags.filter((tag) => tag.status !== 'rejected').map((tag) => tag.label),
        });
