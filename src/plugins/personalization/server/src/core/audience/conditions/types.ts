export const OPERATORS = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'contains',
  'exists',
] as const;
export type Operator = (typeof OPERATORS)[number];

export type ConditionScalar = string | number | boolean;

export type FieldCondition =
  | {
      readonly field: string;
      readonly op: 'eq' | 'ne' | 'contains';
      readonly value: ConditionScalar;
    }
  /** A number, or an ISO 8601 date / date-time string compared as an instant. */
  | {
      readonly field: string;
      readonly op: 'gt' | 'gte' | 'lt' | 'lte';
      readonly value: number | string;
    }
  | { readonly field: string; readonly op: 'in'; readonly value: readonly ConditionScalar[] }
  | { readonly field: string; readonly op: 'exists' };

export interface AllCondition {
  readonly all: readonly Condition[];
}

export interface AnyCondition {
  readonly any: readonly Condition[];
}

export interface NotCondition {
  readonly not: Condition;
}

/** A parsed condition: the same shape as its JSON, so it can be stored back as it is. */
export type Condition = AllCondition | AnyCondition | NotCondition | FieldCondition;

export interface ParseConditionOptions {
  /** Allowed first segments of a field path, e.g. ['profile', 'user']. */
  roots: readonly string[];
}

export const CONDITION_LIMITS = {
  /** Nodes on the longest path from the root to a field condition, both included. */
  maxDepth: 6,
  /** Nodes in all: groups, `not`s and field conditions. */
  maxNodes: 64,
  /** Values in one `in` list. */
  maxListValues: 100,
  maxFieldLength: 200,
  maxStringLength: 1000,
} as const;
