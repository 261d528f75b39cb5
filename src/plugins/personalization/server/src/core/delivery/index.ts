export {
  CallerHeaderError,
  MAX_TRAITS_BYTES,
  resolveCaller,
  VISITOR_ID_HEADER,
  VISITOR_TRAITS_HEADER,
  type ResolvedCaller,
} from './caller-headers';
export { decisionKey, type DecisionKeyInput } from './decision-key';
export { mergeVariant } from './merge-variant';
export { baseInfo, infoFromDecision, type PersonalizationInfo } from './personalization-info';
