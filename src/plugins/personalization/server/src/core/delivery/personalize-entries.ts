import type { Decider, DecisionEntry } from '../rules/rules-decider';
import type { Decision } from '../rules/types';
import { mergeVariant } from './merge-variant';
import { infoFromDecision, type PersonalizationInfo } from './personalization-info';

export type TagInfo = PersonalizationInfo['tags'][number];

/** What decisions read of an entry: what is stored, whatever fields the request selected. */
export interface StoredEntry {
  documentId: string;
  /** The stored entry's own fields (no relations); templates read them as `entry.<field>`. */
  fields: Record<string, unknown>;
  /** Changes with every edit of the entry (its updatedAt); null makes its decision uncacheable. */
  version: string | null;
  tags: TagInfo[];
  /** Variant key → the variant entry's documentId. */
  variants: ReadonlyMap<string, string>;
}

/** Why a caller gets base content before any decider runs (DESIGN §3's caller-level reasons). */
export type CallerGate = 'disabled' | 'no-context' | 'no-consent';

export type CachedDecision = Omit<Decision, 'trace'>;

export interface DecisionCache {
  /** The key of an entry's decision for this caller, or null when it must not be cached. */
  key(entry: StoredEntry): string | null;
  getMany(keys: string[]): Promise<Array<CachedDecision | undefined>>;
  setMany(entries: Array<[string, CachedDecision]>): void;
}

export interface PersonalizeInput<Entry extends { documentId: string }> {
  /** The entries as the request shaped them (its fields, populate, locale, status). */
  entries: readonly Entry[];
  stored: ReadonlyMap<string, StoredEntry>;
  gate: CallerGate | null;
  /** In decision order; the first that answers decides. */
  deciders: readonly Decider[];
  cache?: DecisionCache;
  /** The chosen variants' content, shaped like `entries`. */
  loadVariants(documentIds: string[]): Promise<Map<string, Record<string, unknown>>>;
  /** The served entry with its merge fields rendered for this caller. */
  renderMergeFields(entry: Entry, stored: StoredEntry | undefined): Entry;
}

export interface PersonalizedEntry<Entry> {
  content: Entry & { personalization: PersonalizationInfo };
  /** With the full trace when it was decided now; cached decisions carry an empty trace. */
  decision: Decision;
}

const undecided = (reason: CallerGate | 'no-rule'): Decision => ({
  variant: null,
  reason,
  rule: null,
  flag: null,
  trace: [],
});

/** What deciders read of a stored entry: tags not rejected, the variant keys, the stored fields. */
export const decisionEntry = (stored: StoredEntry): DecisionEntry => ({
  documentId: stored.documentId,
  tags: stored.tags.filter((tag) => tag.status !== 'rejected').map((tag) => tag.label),
  variants: [...stored.variants.keys()],
  fields: stored.fields,
});

/** The first answer of these deciders, or undefined when none answers. */
const firstAnswer = (deciders: readonly Decider[], entry: DecisionEntry): Decision | undefined => {
  for (const decider of deciders) {
    const decision = decider.decide(entry);
    if (decision) return decision;
  }
  return undefined;
};

/**
 * One entry's decision by these deciders in order, or base content with `no-rule`: what
 * personalizeEntries decides when nothing is cached, and what shadow evaluation calls directly.
 */
export const decideEntry = (deciders: readonly Decider[], entry: DecisionEntry): Decision =>
  firstAnswer(deciders, entry) ?? undecided('no-rule');

/** Splits the order into the uncached deciders that run first and the cached ones after them. */
const splitOrder = (deciders: readonly Decider[]) => {
  const firstCached = deciders.findIndex((decider) => decider.cacheable);
  const uncached = firstCached === -1 ? deciders : deciders.slice(0, firstCached);
  const cached = firstCached === -1 ? [] : deciders.slice(firstCached);
  const misplaced = cached.find((decider) => !decider.cacheable);
  if (misplaced) {
    throw new Error(`decider "${misplaced.name}" is not cacheable but comes after a cached one`);
  }
  return { uncached, cached };
};

/**
 * The one decision path: delivery (REST and GraphQL) and preview call it, so an editor previews
 * exactly what a reader gets. For each entry: the caller gate (delivery off, no context, no
 * consent), else the deciders in order (uncached ones such as experiments first, then the cached
 * decision or the cached deciders such as the rules); then the chosen variant merged over the
 * base, merge fields rendered, and the `personalization` object.
 * Decisions read only stored entries, so no request can change what another caller is served.
 */
export const personalizeEntries = async <Entry extends { documentId: string }>(
  input: PersonalizeInput<Entry>
): Promise<Array<PersonalizedEntry<Entry>>> => {
  const order = splitOrder(input.deciders);
  const decided = input.entries.map((entry) => input.stored.get(entry.documentId));
  const facts = decided.map((stored) => (stored ? decisionEntry(stored) : undefined));
  const early = facts.map((entry) =>
    input.gate === null && entry ? firstAnswer(order.uncached, entry) : undefined
  );

  const keys = decided.map((stored, index) =>
    input.gate === null && stored && !early[index] && input.cache ? input.cache.key(stored) : null
  );
  const lookups = keys.flatMap((key) => (key ? [key] : []));
  const hits = new Map<string, CachedDecision>();
  if (input.cache && lookups.length > 0) {
    (await input.cache.getMany(lookups)).forEach((hit, index) => {
      if (hit) hits.set(lookups[index], hit);
    });
  }

  const fresh: Array<[string, CachedDecision]> = [];
  const decisions = facts.map((entry, index): Decision => {
    if (input.gate !== null || !entry) return undecided(input.gate ?? 'no-rule');
    const answered = early[index];
    if (answered) return answered;
    const key = keys[index];
    const hit = key ? hits.get(key) : undefined;
    if (hit) return { ...hit, trace: [] };
    const decision = decideEntry(order.cached, entry);
    // Errors depend on load (time limits, the request's budget): decide them again next time.
    if (key && decision.reason !== 'rule-error') {
      const { variant, reason, rule, flag } = decision;
      fresh.push([key, { variant, reason, rule, flag }]);
    }
    return decision;
  });
  if (input.cache && fresh.length > 0) input.cache.setMany(fresh);

  const variantIds = decisions.map((decision, index) =>
    decision.variant ? decided[index]?.variants.get(decision.variant) : undefined
  );
  const wanted = variantIds.flatMap((id) => (id ? [id] : []));
  const contents = wanted.length > 0 ? await input.loadVariants(wanted) : new Map();

  return input.entries.map((entry, index) => {
    const stored = decided[index];
    const variantId = variantIds[index];
    const variant = variantId ? contents.get(variantId) : undefined;
    let decision = decisions[index];
    if (decision.variant && !variant) {
      // The rule chose a key whose entry is gone (or not in this locale/status).
      decision = { ...decision, variant: null, reason: 'unknown-variant' };
    }
    const merged = variant ? mergeVariant(entry, variant) : entry;
    const rendered = input.renderMergeFields(merged, stored);
    const personalization = infoFromDecision(decision, stored?.tags ?? []);
    // A new object: the entry may be a cached answer other requests share.
    return { content: { ...rendered, personalization }, decision };
  });
};
