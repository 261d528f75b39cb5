import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every depth (arrays keep their order, undefined values are
 * dropped as JSON does), so two equal queries written in a different key order give one key.
 */
export const stableStringify = (value: unknown): string => {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableStringify(item)}`).join(',')}}`;
};

/** A short, fixed-length name for a normalized query (SHA-256, base64url). */
export const hashKey = (value: unknown): string =>
  createHash('sha256').update(stableStringify(value)).digest('base64url');
