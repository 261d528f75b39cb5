import type { FlagEvaluation } from '../flags/flag-client';
import { matchesEntryFilter } from './entry-filter';
import { orderRules } from './order-rules';
import type { Decision, EntryFacts, RuleDefinition, RuleRender, TraceStep } from './types';

export interface DecideInput {
  rules: readonly RuleDefinition[];
  entry: EntryFacts;
  evaluateFlag(rule: RuleDefinition): FlagEvaluation;
  render(rule: RuleDefinition, flag: FlagEvaluation): RuleRender;
}

/** One trace step, always with the same shape (a monomorphic literal: this runs per entry). */
const step = (
  rule: RuleDefinition,
  fields: Partial<TraceStep> & Pick<TraceStep, 'outcome'>
): TraceStep => ({
  rule: rule.name,
  priority: rule.priority,
  templateVersion: fields.templateVersion ?? rule.templateVersion,
  outcome: fields.outcome,
  flag: fields.flag ?? null,
  output: fields.output ?? null,
  variant: fields.variant ?? null,
  error: fields.error ?? null,
  durationMs: fields.durationMs ?? 0,
});

const flagSummary = (flag: FlagEvaluation) => ({
  name: flag.name,
  enabled: flag.enabled,
  variant: flag.variant,
});

/**
 * Chooses the variant of one entry for one caller: the first active rule (by priority) whose entry
 * filter matches and whose flag is on decides. Its template's output is the variant key, or base
 * content when empty; an error or an unknown key gives base content with the reason.
 */
export const decide = (input: DecideInput): Decision => {
  const trace: TraceStep[] = [];
  let sawFlagOff = false;
  let lastFlag: Decision['flag'] = null;

  for (const rule of orderRules(input.rules)) {
    if (rule.status !== 'active') {
      trace.push(step(rule, { outcome: 'disabled' }));
      continue;
    }
    if (!matchesEntryFilter(rule.entryFilter, input.entry)) {
      trace.push(step(rule, { outcome: 'filtered-out' }));
      continue;
    }
    const flag = input.evaluateFlag(rule);
    if (!flag.enabled) {
      sawFlagOff = true;
      lastFlag = flagSummary(flag);
      trace.push(step(rule, { outcome: 'flag-off', flag }));
      continue;
    }

    const rendered = input.render(rule, flag);
    const ruleRef = { name: rule.name, version: rendered.version };
    if (!rendered.ok) {
      trace.push(
        step(rule, {
          outcome: 'error',
          flag,
          templateVersion: rendered.version,
          error: rendered.error,
          durationMs: rendered.durationMs,
        })
      );
      return { variant: null, reason: 'rule-error', rule: ruleRef, flag: flagSummary(flag), trace };
    }

    const known = rendered.variant === null || input.entry.variants.includes(rendered.variant);
    trace.push(
      step(rule, {
        outcome:
          rendered.variant === null ? 'chose-base' : known ? 'chose-variant' : 'unknown-variant',
        flag,
        templateVersion: rendered.version,
        output: rendered.output,
        variant: rendered.variant,
        durationMs: rendered.durationMs,
      })
    );
    return {
      variant: known ? rendered.variant : null,
      reason: known ? 'rule' : 'unknown-variant',
      rule: ruleRef,
      flag: flagSummary(flag),
      trace,
    };
  }

  return {
    variant: null,
    reason: sawFlagOff ? 'flag-off' : 'no-rule',
    rule: null,
    flag: sawFlagOff ? lastFlag : null,
    trace,
  };
};
