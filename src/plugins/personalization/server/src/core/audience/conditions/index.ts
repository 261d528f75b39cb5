export { ConditionError } from './condition-error';
export { conditionFields } from './condition-fields';
export { evaluateCondition } from './evaluate-condition';
export { FIELD_PATTERN, FORBIDDEN_SEGMENTS } from './field-path';
export { parseCondition } from './parse-condition';
export {
  CONDITION_LIMITS,
  OPERATORS,
  type AllCondition,
  type AnyCondition,
  type Condition,
  type ConditionScalar,
  type FieldCondition,
  type NotCondition,
  type Operator,
  type ParseConditionOptions,
} from './types';
