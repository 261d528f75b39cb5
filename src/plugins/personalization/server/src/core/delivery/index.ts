export {
  CallerHeaderError,
  MAX_TRAITS_BYTES,
  resolveCaller,
  VISITOR_ID_HEADER,
  VISITOR_TRAITS_HEADER,
  type ResolvedCaller,
} from './caller-headers';
export { mergeVariant } from './merge-variant';
export { baseInfo, infoFromDecision, type PersonalizationInfo } from './personalization-info';
