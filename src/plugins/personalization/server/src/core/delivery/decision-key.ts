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

/** What every entry of one request shares in its key: computed once per request. */
const requestMaterial = (input: DecisionKeyerInput): string =>
  JSON.stringify([
    input.contentType,
    input.revision,
    input.flags.map((flag) => [flag.name, flag.enabled, flag.variant, flag.payload ?? null]),
    input.callerPaths.map((path) => [path, valueAt(input.callerView, path) ?? null]),
  ]);

const entryKey = (
  request: string,
  entry: Pick<DecisionKeyInput, 'documentId' | 'entryVersion' | 'variants' | 'tags'>
): string =>
  createHash('sha1')
    .update(request)
    .update(JSON.stringify([entry.documentId, entry.entryVersion, entry.variants, entry.tags]))
    .digest('base64url');

/**
 * A cache key for one entry's decision. It holds only what the decision depends on: the entry
 * version, the rule revision, the flag states and the caller values the templates actually read,
 * so two callers share an entry only when nothing that could tell them apart differs.
 */
export const decisionKey = (input: DecisionKeyInput): string =>
  entryKey(requestMaterial(input), input);

export interface DecisionKeyerInput {
  contentType: string;
  /** The rules and templates revision (their content hashes, not names and counters). */
  revision: string;
  flags: readonly FlagEvaluation[];
  callerPaths: readonly string[];
  callerView: unknown;
}

/** The decision cache's key function for one caller and one request's flag states. */
export const createDecisionKeyer = (input: DecisionKeyerInput) => {
  const request = requestMaterial(input);
  return (entry: StoredEntry): string | null =>
    entry.version === null
      ? null
      : entryKey(request, {
          documentId: entry.documentId,
          entryVersion: entry.version,
          variants: [...entry.variants.keys()],
          tags: entry.tags.filter((tag) => tag.status !== 'rejected').map((tag) => tag.label),
        });
};
