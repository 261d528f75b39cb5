export { readOptIn, readOptIns } from './read-opt-in';
export { OptInError } from './opt-in-error';
export {
  TEXT_ATTRIBUTE_TYPES,
  type ContentTypeShape,
  type OptIn,
  type TaggingOptIn,
} from './types';
