import type { RuleDefinition } from './types';

/** Evaluation order: higher priority first, then by name so equal priorities are stable. */
export const orderRules = <Rule extends Pick<RuleDefinition, 'priority' | 'name'>>(
  rules: readonly Rule[]
): Rule[] =>
  [...rules].sort((a, b) => b.priority - a.priority || a.name.localeCompare(b.name));
