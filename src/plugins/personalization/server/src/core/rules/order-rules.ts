import type { RuleDefinition } from './types';

type Ordered = Pick<RuleDefinition, 'priority' | 'name'>;

const compare = (a: Ordered, b: Ordered): number =>
  b.priority - a.priority || a.name.localeCompare(b.name);

/** Evaluation order: higher priority first, then by name so equal priorities are stable. */
export const orderRules = <Rule extends Ordered>(rules: readonly Rule[]): readonly Rule[] => {
  // The rules service keeps its lists ordered: checking is cheaper than copying and sorting per entry.
  for (let index = 1; index < rules.length; index += 1) {
    if (compare(rules[index - 1], rules[index]) > 0) {
      return [...rules].sort(compare);
    }
  }
  return rules;
};
