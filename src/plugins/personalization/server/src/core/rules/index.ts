export { decide, type DecideInput } from './decide';
export { matchesEntryFilter } from './entry-filter';
export { orderRules } from './order-rules';
export { renderRule, type RuleRenderer } from './render-rule';
export * from './types';
export { createCircuitBreaker, type CircuitBreaker } from './circuit-breaker';
export {
  createRulesDecider,
  type Decider,
  type DecisionEntry,
  type RulesDeciderInput,
} from './rules-decider';
