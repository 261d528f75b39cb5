import type { FlagEvaluation } from '../flags/flag-client';
import type { RuleDefinition } from '../rules/types';

/**
 * Whether a rule has a candidate to evaluate in shadow: a `shadow` rule (the candidate is the rule
 * made live), or a live rule with a candidate template version.
 */
export const isShadowed = (rule: RuleDefinition): boolean =>
  rule.status === 'shadow' ||
  (rule.status === 'active' &&
    rule.shadow?.templateVersion !== undefined &&
    rule.shadow.templateVersion !== null);

/** The rule as it would be once promoted: active, with its candidate template version. */
export const candidateOf = (rule: RuleDefinition): RuleDefinition => ({
  ...rule,
  status: 'active',
  templateVersion:
    rule.shadow?.templateVersion !== undefined ? rule.shadow.templateVersion : rule.templateVersion,
  shadow: null,
});

/** The live rules of a type with one rule replaced by its candidate (same order: same priority). */
export const candidateRules = (rules: readonly RuleDefinition[], name: string): RuleDefinition[] =>
  rules.map((rule) => (rule.name === name ? candidateOf(rule) : rule));

/**
 * The flag a candidate sees. A `shadow` rule is evaluated as if its flag were on (its flag gates it
 * once promoted, not the comparison); a live rule's candidate version keeps the caller's flag state.
 */
export const candidateFlag = (rule: RuleDefinition, flag: FlagEvaluation): FlagEvaluation =>
  rule.status === 'shadow' ? { ...flag, enabled: true } : flag;

/** The sample rate of a shadowed rule: its own, else the plugin's default. */
export const sampleRateOf = (rule: RuleDefinition, defaultRate: number): number =>
  rule.shadow?.sampleRate ?? defaultRate;
