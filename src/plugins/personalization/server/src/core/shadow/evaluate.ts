import { decideEntry } from '../delivery/personalize-entries';
import type { Decider, DecisionEntry } from '../rules/rules-decider';
import type { ShadowDifference, ShadowOutcome } from './tally';

export interface ShadowEvaluationInput {
  /** The shadowed rule's name: its errors are the candidate's errors. */
  rule: string;
  /** The decision order with the candidate in place of the rule (core/shadow/candidate.ts). */
  deciders: readonly Decider[];
  /** The request's entries with the variant the live decision served for each. */
  entries: ReadonlyArray<{ entry: DecisionEntry; live: string | null }>;
  caller: { key: string; segments: readonly string[]; traits: ShadowOutcome['traits'] };
  now?: () => number;
}

/**
 * Decides a request's entries again with the candidate through the same decision function as
 * delivery (decideEntry) and compares the variants; never throws (a thrown error is the outcome's).
 */
export const evaluateShadow = (input: ShadowEvaluationInput): ShadowOutcome => {
  const now = input.now ?? (() => performance.now());
  const started = now();
  const differences: ShadowDifference[] = [];
  let error: string | null = null;
  let decisions = 0;
  try {
    for (const { entry, live } of input.entries) {
      const candidate = decideEntry(input.deciders, entry);
      decisions += 1;
      if (candidate.reason === 'rule-error' && candidate.rule?.name === input.rule && !error) {
        const failed = candidate.trace.find((step) => step.outcome === 'error');
        error = `${entry.documentId}: ${failed?.error ?? 'the template failed'}`;
      }
      if (candidate.variant !== live) {
        differences.push({ documentId: entry.documentId, live, candidate: candidate.variant });
      }
    }
  } catch (thrown) {
    error = thrown instanceof Error ? thrown.message : String(thrown);
  }
  return {
    decisions,
    divergedDecisions: differences.length,
    segments: input.caller.segments,
    callerKey: input.caller.key,
    traits: input.caller.traits,
    differences,
    error,
    durationMs: now() - started,
  };
};
