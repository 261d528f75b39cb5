import type { Core, UID } from '@strapi/strapi';
import { eventWeight } from '../../core/audience/profiles/event-weight';
import type { CatalogueItem, Interaction } from '../../core/recommendations';
import { getService } from '../../utils/get-service';
import { runInternal } from '../../utils/internal-lookup';
import { AUDIENCE_TABLES, toNumber } from '../../tables/audience';

/** The event types that say a reader engaged with an entry (custom events carry no entry interest). */
export const ENGAGEMENT_TYPES = ['view', 'click', 'dwell', 'scroll', 'conversion'] as const;

interface EventRow {
  caller_key: string;
  entry_document_id: string;
  occurred_at: number | string;
  type: (typeof ENGAGEMENT_TYPES)[number];
  value: number | null;
}

const toInteraction = (row: EventRow): Interaction => ({
  user: row.caller_key,
  item: row.entry_document_id,
  time: toNumber(row.occurred_at),
  weight: eventWeight({ type: row.type, value: row.value === null ? null : Number(row.value) }),
});

/**
 * The ranker's inputs read from Strapi: the published catalogue of a type (tags, embeddings,
 * variants) and the logged engagement events about it.
 */
export const createRecommendationData = (strapi: Core.Strapi) => ({
  /** Published entries of `uid` in the default locale, variants marked with their base. */
  async catalogue(uid: string): Promise<CatalogueItem[]> {
    const attributes =
      strapi.contentTypes[uid as keyof typeof strapi.contentTypes]?.attributes ?? {};
    const hasVariants = 'variantKey' in attributes;
    const entries = (await runInternal(() =>
      strapi.documents(uid as UID.ContentType).findMany({
        status: 'published',
        fields: ['documentId'] as never,
        limit: -1,
      } as never)
    )) as unknown as Array<{ documentId: string }>;
    const baseOf = new Map<string, string>();
    if (hasVariants) {
      const index = await getService(strapi, 'variants').index(uid, null);
      for (const [base, keys] of index)
        for (const variant of keys.values()) baseOf.set(variant, base);
    }
    const ids = [...new Set(entries.map((entry) => entry.documentId))];
    const tags = await getService(strapi, 'tags').forEntries(uid, ids, null);
    const embeddings = new Map(
      (await getService(strapi, 'taggingStore').withEmbeddings(uid, null)).map((row) => [
        row.documentId,
        row.embedding,
      ])
    );
    return ids.map((id) => ({
      id,
      tags: (tags[id] ?? [])
        .filter((tag) => tag.status !== 'rejected')
        .map((tag) => tag.label.toLowerCase()),
      embedding: embeddings.get(id) ?? null,
      variantOf: baseOf.get(id) ?? null,
    }));
  },

  /** Engagement events about entries of `uid` since `since` (epoch ms), from every caller. */
  async interactions(uid: string, since: number): Promise<Interaction[]> {
    const rows = (await strapi.db
      .connection(AUDIENCE_TABLES.events)
      .where({ entry_uid: uid })
      .whereIn('type', [...ENGAGEMENT_TYPES])
      .where('occurred_at', '>=', since)
      .whereNotNull('entry_document_id')
      .select('caller_key', 'entry_document_id', 'occurred_at', 'type', 'value')) as EventRow[];
    return rows.map(toInteraction);
  },

  /** Count and highest id of the events about `uid`: moves whenever one is stored or deleted. */
  async eventsSignature(uid: string): Promise<string> {
    const [row] = (await strapi.db
      .connection(AUDIENCE_TABLES.events)
      .where({ entry_uid: uid })
      .count({ count: '*' })
      .max({ last: 'id' })) as Array<{ count: number | string; last: number | string | null }>;
    return `${Number(row?.count ?? 0)}:${row?.last ?? 0}`;
  },

  /** One caller's engagement with entries of `uid` (the per-caller index serves it). */
  async historyOf(uid: string, callerKey: string): Promise<Interaction[]> {
    const rows = (await strapi.db
      .connection(AUDIENCE_TABLES.events)
      .where({ caller_key: callerKey, entry_uid: uid })
      .whereIn('type', [...ENGAGEMENT_TYPES])
      .whereNotNull('entry_document_id')
      .select('caller_key', 'entry_document_id', 'occurred_at', 'type', 'value')) as EventRow[];
    return rows.map(toInteraction);
  },
});
