export { hashKey, stableStringify } from './stable-key';
export { reachedTypes, type AttributeInfo, type SchemaLookup } from './reached-types';
export { createReadRevisions, isCurrent, type TypeRevision } from './read-revisions';
export { deepFreeze } from './deep-freeze';
