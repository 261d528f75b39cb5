export { hashKey, stableStringify } from './stable-key';
export { reachedTypes, type AttributeInfo, type SchemaLookup } from './reached-types';
