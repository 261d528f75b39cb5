export { decide, type DecideInput } from './decide';
export { matchesEntryFilter } from './entry-filter';
export { orderRules } from './order-rules';
export { renderRule, type RuleRenderer } from './render-rule';
export * from './types';
