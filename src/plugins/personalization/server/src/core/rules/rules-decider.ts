import type { CallerView } from '../context/template-context';
import type { FlagEvaluation } from '../flags/flag-client';
import type { RenderBudget } from '../templates/render-budget';
import { sourceHash } from '../templates/source-hash';
import type { CircuitBreaker } from './circuit-breaker';
import { decide } from './decide';
import { renderRule, type RuleRenderer } from './render-rule';
import type { Decision, EntryFacts, RuleDefinition, RuleRender } from './types';

/** An entry as deciders see it: its facts and its stored fields (never the request's selection). */
export interface DecisionEntry extends EntryFacts {
  fields: Record<string, unknown>;
}

/**
 * One step of the decision order. A decider answers an entry's decision, or undefined to leave it
 * to the next one: experiments and bandits go before the rules, the rules always answer last.
 */
export interface Decider {
  readonly name: string;
  /**
   * Whether its decisions may be served from the decision cache. Uncached deciders (experiments:
   * they depend on stored assignments) must all come before cached ones in the order.
   */
  readonly cacheable: boolean;
  decide(entry: DecisionEntry): Decision | undefined;
}

const ruleIdentities = new WeakMap<RuleDefinition, string>();

/** The breaker's key: the rule's whole definition and its template's content, so edits reset it. */
const breakerKey = (rule: RuleDefinition, renderer: RuleRenderer): string => {
  let identity = ruleIdentities.get(rule);
  if (!identity) {
    identity = JSON.stringify(rule);
    ruleIdentities.set(rule, identity);
  }
  const source = renderer.sourceFor(rule.template, rule.templateVersion);
  return `${identity}\u0000${source ? sourceHash(source) : ''}`;
};

export interface RulesDeciderInput {
  rules: readonly RuleDefinition[];
  renderer: RuleRenderer;
  caller: CallerView;
  evaluateFlag(rule: RuleDefinition): FlagEvaluation;
  /** What is left of the request's rendering time, shared with every other render it makes. */
  budget?: RenderBudget;
  breaker?: CircuitBreaker;
  /** Told of every render that ran (metrics), with its duration and whether it worked. */
  onRendered?: (rendered: RuleRender) => void;
}

/** The rules behind their flags, by priority (core/rules/decide.ts), as the last decider. */
export const createRulesDecider = (input: RulesDeciderInput): Decider => {
  const render = (rule: RuleDefinition, flag: FlagEvaluation, entry: DecisionEntry): RuleRender => {
    const key = input.breaker ? breakerKey(rule, input.renderer) : '';
    const openMs = input.breaker?.openFor(key) ?? 0;
    if (openMs > 0) {
      return {
        ok: false,
        version: rule.templateVersion,
        error: `rule paused for ${Math.ceil(openMs / 1000)} s: its renders kept hitting limits`,
        durationMs: 0,
      };
    }
    const rendered = renderRule(input.renderer, rule, flag, input.caller, entry, input.budget);
    input.onRendered?.(rendered);
    // Other errors (a starved budget, a template bug) neither open nor close the circuit.
    if (rendered.ok || rendered.limit) input.breaker?.record(key, !rendered.ok);
    return rendered;
  };
  return {
    name: 'rules',
    cacheable: true,
    decide: (entry) =>
      decide({
        rules: input.rules,
        entry,
        evaluateFlag: input.evaluateFlag,
        render: (rule, flag) => render(rule, flag, entry),
      }),
  };
};
