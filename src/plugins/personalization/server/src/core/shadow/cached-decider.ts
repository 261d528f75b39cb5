import type { Decider, DecisionEntry } from '../rules/rules-decider';
import type { Decision } from '../rules/types';

export interface ShadowDecisionCache {
  get(key: string): Omit<Decision, 'trace'> | undefined;
  set(key: string, decision: Omit<Decision, 'trace'>): void;
}

/**
 * A decider answering from the shadow's own cache (never the live decision cache). `keyOf` gives
 * an entry's key, or null to decide afresh; errors are never cached, as for live decisions.
 */
export const cachedDecider = (
  inner: Decider,
  cache: ShadowDecisionCache,
  keyOf: (entry: DecisionEntry) => string | null
): Decider => ({
  name: inner.name,
  cacheable: inner.cacheable,
  decide(entry) {
    const key = keyOf(entry);
    const hit = key === null ? undefined : cache.get(key);
    if (hit) return { ...hit, trace: [] };
    const decision = inner.decide(entry);
    if (key !== null && decision && decision.reason !== 'rule-error') {
      const { variant, reason, rule, flag, experiment } = decision;
      cache.set(key, { variant, reason, rule, flag, experiment });
    }
    return decision;
  },
});
