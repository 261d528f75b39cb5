import type { Condition } from './types';

const collectFields = (condition: Condition, fields: Set<string>): void => {
  if ('all' in condition) condition.all.forEach((child) => collectFields(child, fields));
  else if ('any' in condition) condition.any.forEach((child) => collectFields(child, fields));
  else if ('not' in condition) collectFields(condition.not, fields);
  else fields.add(condition.field);
};

/** The fields a condition reads, each once, in order of first appearance. */
export const conditionFields = (condition: Condition): string[] => {
  const fields = new Set<string>();
  collectFields(condition, fields);
  return [...fields];
};
