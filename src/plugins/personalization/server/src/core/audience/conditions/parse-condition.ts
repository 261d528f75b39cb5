import { ConditionError } from './condition-error';
import { fieldPathProblem } from './field-path';
import { isoInstant } from './iso-instant';
import {
  CONDITION_LIMITS,
  OPERATORS,
  type Condition,
  type ConditionScalar,
  type FieldCondition,
  type Operator,
  type ParseConditionOptions,
} from './types';

// Hand-written rather than zod: zod's strict objects let an own "__proto__" key (as JSON.parse
// makes it) through, and a walk that knows the path gives each problem a precise message.

const GROUP_KEYS = ['all', 'any', 'not'] as const;
const FIELD_KEYS = ['field', 'op', 'value'] as const;

interface Walk {
  roots: readonly string[];
  nodes: number;
}

const fail = (path: string, problem: string): never => {
  throw new ConditionError(path, problem);
};

const at = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : `${path}.${key}`;

/** A JSON object: not an array, a Date, a class instance or anything else with behaviour. */
const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
};

const own = (node: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(node, key) ? node[key] : undefined;

const assertOnlyKeys = (
  node: Record<string, unknown>,
  allowed: readonly string[],
  path: string
): void => {
  const unknown = Object.keys(node).find((key) => !allowed.includes(key));
  if (unknown !== undefined) {
    fail(path, `unknown key "${unknown}" (allowed here: ${allowed.join(', ')})`);
  }
};

const scalarProblem = (value: unknown): string | null => {
  if (typeof value === 'string') {
    return value.length > CONDITION_LIMITS.maxStringLength
      ? `must be at most ${CONDITION_LIMITS.maxStringLength} characters`
      : null;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? null : 'must be a finite number';
  if (typeof value === 'boolean') return null;
  return 'must be a string, number or boolean';
};

const parseScalar = (value: unknown, path: string): ConditionScalar => {
  const problem = scalarProblem(value);
  if (problem !== null) fail(path, problem);
  return value as ConditionScalar;
};

const parseOrderable = (value: unknown, path: string): number | string => {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && isoInstant(value) !== null) return value;
  return fail(
    path,
    'must be a number or an ISO 8601 date such as 2026-01-31 or 2026-01-31T09:00:00Z (a time needs a zone)'
  );
};

const parseList = (value: unknown, path: string): ConditionScalar[] => {
  if (!Array.isArray(value)) return fail(path, 'must be a list of strings, numbers or booleans');
  if (value.length === 0) fail(path, 'must list at least one value');
  if (value.length > CONDITION_LIMITS.maxListValues) {
    fail(path, `must list at most ${CONDITION_LIMITS.maxListValues} values`);
  }
  return value.map((item: unknown, index) => parseScalar(item, at(path, index)));
};

const parseFieldCondition = (
  node: Record<string, unknown>,
  path: string,
  walk: Walk
): FieldCondition => {
  assertOnlyKeys(node, FIELD_KEYS, path);

  const field = own(node, 'field');
  if (typeof field !== 'string') {
    return fail(at(path, 'field'), field === undefined ? 'is required' : 'must be a string');
  }
  if (field.length > CONDITION_LIMITS.maxFieldLength) {
    fail(at(path, 'field'), `must be at most ${CONDITION_LIMITS.maxFieldLength} characters`);
  }
  const fieldProblem = fieldPathProblem(field, walk.roots);
  if (fieldProblem !== null) fail(at(path, 'field'), fieldProblem);

  const op = own(node, 'op');
  if (!(OPERATORS as readonly unknown[]).includes(op)) {
    const expected = `one of ${OPERATORS.join(', ')}`;
    fail(at(path, 'op'), op === undefined ? `is required (${expected})` : `must be ${expected}`);
  }
  const operator = op as Operator;

  const valuePath = at(path, 'value');
  const hasValue = Object.hasOwn(node, 'value');
  if (operator === 'exists') {
    if (hasValue) fail(valuePath, 'must be left out for exists');
    return { field, op: operator };
  }
  if (!hasValue) fail(valuePath, `is required for ${operator}`);
  const value = node.value;
  switch (operator) {
    case 'in':
      return { field, op: operator, value: parseList(value, valuePath) };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return { field, op: operator, value: parseOrderable(value, valuePath) };
    case 'eq':
    case 'ne':
    case 'contains':
      return { field, op: operator, value: parseScalar(value, valuePath) };
  }
};

const parseNode = (value: unknown, path: string, depth: number, walk: Walk): Condition => {
  if (depth > CONDITION_LIMITS.maxDepth) {
    fail(path, `nests deeper than ${CONDITION_LIMITS.maxDepth} levels`);
  }
  walk.nodes += 1;
  if (walk.nodes > CONDITION_LIMITS.maxNodes) {
    fail(path, `is past the limit of ${CONDITION_LIMITS.maxNodes} nodes in one condition`);
  }
  if (!isPlainObject(value)) {
    return fail(path, 'must be an object with one of the keys all, any, not or field');
  }

  const kinds = [...GROUP_KEYS, 'field'].filter((key) => Object.hasOwn(value, key));
  if (kinds.length > 1) {
    fail(path, `must have only one of all, any, not or field (found ${kinds.join(', ')})`);
  }
  const kind = kinds[0] ?? (Object.hasOwn(value, 'op') ? 'field' : undefined);
  if (kind === undefined) {
    return fail(path, 'must have one of the keys all, any, not or field');
  }
  if (kind === 'field') return parseFieldCondition(value, path, walk);

  assertOnlyKeys(value, [kind], path);
  const childPath = at(path, kind);
  if (kind === 'not') return { not: parseNode(value.not, childPath, depth + 1, walk) };

  const children = value[kind];
  if (!Array.isArray(children)) return fail(childPath, 'must be a list of conditions');
  if (children.length === 0) fail(childPath, 'must list at least one condition');
  // Refuse a huge list before walking it.
  if (walk.nodes + children.length > CONDITION_LIMITS.maxNodes) {
    fail(childPath, `is past the limit of ${CONDITION_LIMITS.maxNodes} nodes in one condition`);
  }
  const parsed = children.map((child: unknown, index) =>
    parseNode(child, at(childPath, index), depth + 1, walk)
  );
  return kind === 'all' ? { all: parsed } : { any: parsed };
};

/**
 * Checks a JSON condition and returns it typed; throws a ConditionError naming the JSON path of
 * the first problem, e.g. `condition.all[1].op: must be one of eq, ne, …`.
 */
export const parseCondition = (json: unknown, options: ParseConditionOptions): Condition => {
  if (options.roots.length === 0) {
    throw new TypeError('parseCondition needs at least one allowed root (e.g. profile)');
  }
  return parseNode(json, 'condition', 1, { roots: options.roots, nodes: 0 });
};
