import type { Core, UID } from '@strapi/strapi';
import { LRUCache } from 'lru-cache';
import type { StoredEntry, TagInfo } from '../core/delivery';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';
import { runInternal } from '../utils/internal-lookup';

export interface StoredOptions {
  locale?: string;
  status?: 'published' | 'draft';
}

type Row = Record<string, unknown> & { documentId: string };

/** SQLite answers updatedAt as a string, PostgreSQL as a Date. */
const versionOf = (updatedAt: unknown): string | null =>
  updatedAt instanceof Date
    ? updatedAt.toISOString()
    : typeof updatedAt === 'string'
      ? updatedAt
      : null;

/**
 * What decisions read of entries: their stored fields, tags and variant keys, loaded once per
 * content revision of the type (any write to it, here or on another instance, moves the revision),
 * never from the request's own `fields`/`populate` selection.
 */
const createStoredEntriesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const { ttlMs } = getPluginConfig(strapi).cache;
  const entries = new LRUCache<string, StoredEntry>({ max: 5000, ttl: ttlMs });
  const indexes = new LRUCache<string, Map<string, Map<string, string>>>({ max: 200, ttl: ttlMs });

  const scope = (uid: string, options: StoredOptions) =>
    `${uid}|${getService(strapi, 'contentRevisions').get(uid)}|${options.locale ?? ''}|${options.status ?? 'published'}`;

  /** Every variant key of a type (base → key → variant documentId), one query per revision. */
  const variantIndex = async (uid: string, options: StoredOptions) => {
    const key = scope(uid, options);
    const cached = indexes.get(key);
    if (cached) return cached;
    const index = await getService(strapi, 'variants').index(uid, null, {
      locale: options.locale,
      status: options.status ?? 'published',
    });
    indexes.set(key, index);
    return index;
  };

  const tagsOf = async (
    uid: string,
    documentIds: string[],
    locale: string | null
  ): Promise<Record<string, TagInfo[]>> => {
    if (documentIds.length === 0 || !getService(strapi, 'optIns').get(uid)?.tagging) return {};
    const byEntry = await getService(strapi, 'tags').forEntries(uid, documentIds, locale);
    return Object.fromEntries(
      documentIds.map((documentId) => [
        documentId,
        (byEntry[documentId] ?? []).map(({ label, type, confidence, source, status }) => ({
          label,
          type,
          confidence,
          source,
          status,
        })),
      ])
    );
  };

  return {
    /** The stored entries of these documentIds that exist in this locale and status. */
    async load(
      uid: string,
      documentIds: readonly string[],
      options: StoredOptions = {}
    ): Promise<Map<string, StoredEntry>> {
      const prefix = `${scope(uid, options)}|`;
      const found = new Map<string, StoredEntry>();
      const missing = [...new Set(documentIds)].filter((documentId) => {
        const cached = entries.get(prefix + documentId);
        if (cached) found.set(documentId, cached);
        return !cached;
      });
      if (missing.length === 0) return found;

      const [rows, index, tags] = await Promise.all([
        runInternal(() =>
          strapi.documents(uid as UID.ContentType).findMany({
            locale: options.locale,
            status: options.status ?? 'published',
            filters: { documentId: { $in: missing } },
            limit: -1,
          } as never)
        ) as unknown as Promise<Row[]>,
        variantIndex(uid, options),
        tagsOf(uid, missing, options.locale ?? null),
      ]);
      for (const row of rows) {
        const stored: StoredEntry = {
          documentId: row.documentId,
          fields: row,
          version: versionOf(row.updatedAt),
          tags: tags[row.documentId] ?? [],
          variants: index.get(row.documentId) ?? new Map(),
        };
        entries.set(prefix + row.documentId, stored);
        found.set(row.documentId, stored);
      }
      return found;
    },
  };
};

export type StoredEntriesService = ReturnType<typeof createStoredEntriesService>;
export default createStoredEntriesService;
