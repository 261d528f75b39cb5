import { isoInstant } from './iso-instant';
import type { Condition, FieldCondition } from './types';

const MISSING = Symbol('missing');

/**
 * The value at a dotted path through own properties only, or MISSING. null and undefined count
 * as missing: a profile without a device has no device.
 */
const readField = (input: Record<string, unknown>, field: string): unknown => {
  let current: unknown = input;
  for (const segment of field.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) {
      return MISSING;
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return current === null || current === undefined ? MISSING : current;
};

const instantOf = (value: unknown): number | null => {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  return typeof value === 'string' ? isoInstant(value) : null;
};

/** -1, 0 or 1; null when the two cannot be ordered (a number against a date, a non-date…). */
const order = (actual: unknown, expected: number | string): number | null => {
  let left: number | null;
  let right: number | null;
  if (typeof expected === 'number') {
    left = typeof actual === 'number' && !Number.isNaN(actual) ? actual : null;
    right = expected;
  } else {
    left = instantOf(actual);
    right = isoInstant(expected);
  }
  if (left === null || right === null) return null;
  return left < right ? -1 : left > right ? 1 : 0;
};

const matchesField = (condition: FieldCondition, input: Record<string, unknown>): boolean => {
  const actual = readField(input, condition.field);
  switch (condition.op) {
    case 'exists':
      return actual !== MISSING;
    case 'eq':
      return actual === condition.value;
    case 'ne':
      // Exactly "not eq": also true for a missing field or a value of another type.
      return actual !== condition.value;
    case 'in':
      return condition.value.some((candidate) => candidate === actual);
    case 'contains':
      if (Array.isArray(actual)) return actual.some((item) => item === condition.value);
      return (
        typeof actual === 'string' &&
        typeof condition.value === 'string' &&
        actual.includes(condition.value)
      );
    case 'gt':
      return (order(actual, condition.value) ?? -1) > 0;
    case 'gte':
      return (order(actual, condition.value) ?? -1) >= 0;
    case 'lt':
      return (order(actual, condition.value) ?? 1) < 0;
    case 'lte':
      return (order(actual, condition.value) ?? 1) <= 0;
  }
};

/**
 * Whether the input (e.g. { profile, user }) meets the condition. Never throws: a missing field
 * or a value of the wrong type fails the field condition (except ne, see matchesField).
 */
export const evaluateCondition = (
  condition: Condition,
  input: Record<string, unknown>
): boolean => {
  if ('all' in condition) return condition.all.every((child) => evaluateCondition(child, input));
  if ('any' in condition) return condition.any.some((child) => evaluateCondition(child, input));
  if ('not' in condition) return !evaluateCondition(condition.not, input);
  return matchesField(condition, input);
};
