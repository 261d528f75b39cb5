export {
  CallerHeaderError,
  MAX_TRAITS_BYTES,
  resolveCaller,
  VISITOR_ID_HEADER,
  VISITOR_TRAITS_HEADER,
  type ResolvedCaller,
} from './caller-headers';
export { createDecisionKeyer, decisionKey, type DecisionKeyInput } from './decision-key';
export { mergeVariant } from './merge-variant';
export {
  decideEntry,
  decisionEntry,
  personalizeEntries,
  type CachedDecision,
  type CallerGate,
  type DecisionCache,
  type PersonalizedEntry,
  type PersonalizeInput,
  type StoredEntry,
  type TagInfo,
} from './personalize-entries';
export { baseInfo, infoFromDecision, type PersonalizationInfo } from './personalization-info';
