import type { Core, UID } from '@strapi/strapi';
import { LRUCache } from 'lru-cache';
import { getService } from '../../utils/get-service';
import { runInternal } from '../../utils/internal-lookup';
import type { Entry } from './types';

export type VariantContent = (
  uid: string,
  documentIds: string[],
  params: Record<string, unknown>
) => Promise<Map<string, Record<string, unknown>>>;

/**
 * The chosen variants' content, with the request's own fields/populate/locale/status. Kept per
 * content revision of the type: any write to it (entry, variant, tags) makes older content unreachable.
 */
export const createVariantContent = (strapi: Core.Strapi, ttlMs: number): VariantContent => {
  const contentCache = new LRUCache<string, Entry>({ max: 5000, ttl: ttlMs });
  const revisionOf = (uid: string) => getService(strapi, 'contentRevisions').get(uid);

  return async (uid, documentIds, params) => {
    const { fields, populate, locale, status } = params;
    // Populated relations belong to other types whose writes this revision does not see: not cached.
    const cacheable = populate === undefined || populate === null;
    const prefix = `${uid}|${revisionOf(uid)}|${JSON.stringify([fields, locale, status])}|`;
    const found = new Map<string, Record<string, unknown>>();
    const missing = documentIds.filter((documentId) => {
      const cached = cacheable ? contentCache.get(prefix + documentId) : undefined;
      if (cached) found.set(documentId, cached);
      return !cached;
    });
    if (missing.length === 0) return found;
    // The request's own params pass through: the generic document types cannot describe them.
    const rows = (await runInternal(() =>
      strapi.documents(uid as UID.ContentType).findMany({
        fields,
        populate,
        locale,
        status,
        filters: { documentId: { $in: missing } },
        limit: -1,
      } as never)
    )) as unknown as Entry[];
    for (const row of rows) {
      if (cacheable) contentCache.set(prefix + row.documentId, row);
      found.set(row.documentId, row);
    }
    return found;
  };
};
