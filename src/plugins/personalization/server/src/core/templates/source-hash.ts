import { createHash } from 'node:crypto';
import type { TemplateSource } from './types';

const hashes = new WeakMap<TemplateSource, string>();

/** A body's content address: compiled templates and partials are cached under it, never by name. */
export const bodyHash = (body: string): string =>
  createHash('sha256').update(body, 'utf8').digest('base64url').slice(0, 32);

/** The source's stored hash, or one computed once per source object (drafts, test fixtures). */
export const sourceHash = (source: TemplateSource): string => {
  if (source.hash) return source.hash;
  let hash = hashes.get(source);
  if (!hash) {
    hash = bodyHash(source.body);
    hashes.set(source, hash);
  }
  return hash;
};
