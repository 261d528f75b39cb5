import type { Core } from '@strapi/strapi';
import { LRUCache } from 'lru-cache';
import { EventBatchError } from '../../core/audience/events/parse-event-batch';
import type { TrackedEvent } from '../../core/audience/events/types';
import { getService } from '../../utils/get-service';

/**
 * The active tag labels of the entries a batch of events names (`uid|documentId` → labels), as
 * profiles count them.
 */
export const createEventLabels = (strapi: Core.Strapi) => {
  // Labels per entry, valid for one content revision (any write to the type, tags included, bumps it).
  const labelCache = new LRUCache<string, string[]>({ max: 20_000 });
  const cacheKey = (uid: string, documentId: string) =>
    `${uid}|${getService(strapi, 'contentRevisions').get(uid)}|${documentId}`;

  /** documentIds of `uid` among `documentIds` that are stored (any status or locale), one query. */
  const existing = async (uid: string, documentIds: string[]): Promise<Set<string>> => {
    const rows = (await strapi.db
      .query(uid as Parameters<typeof strapi.db.query>[0])
      .findMany({ where: { documentId: { $in: documentIds } }, select: ['documentId'] })) as Array<{
      documentId: string;
    }>;
    return new Set(rows.map((row) => row.documentId));
  };

  /**
   * Active tag labels of the entries the events name: cached, else one lookup per content type. An
   * entry that does not exist fails the whole batch, naming the first event that names it.
   */
  const labelsOf = async (events: readonly TrackedEvent[]): Promise<Map<string, string[]>> => {
    const labels = new Map<string, string[]>();
    const missing = new Map<string, Set<string>>();
    for (const { entry } of events) {
      if (!entry || labels.has(`${entry.uid}|${entry.documentId}`)) continue;
      const cached = labelCache.get(cacheKey(entry.uid, entry.documentId));
      if (cached) labels.set(`${entry.uid}|${entry.documentId}`, cached);
      else missing.set(entry.uid, (missing.get(entry.uid) ?? new Set()).add(entry.documentId));
    }
    for (const [uid, documentIds] of missing) {
      const found = await existing(uid, [...documentIds]);
      const unknown = events.findIndex(
        ({ entry }) =>
          entry?.uid === uid && documentIds.has(entry.documentId) && !found.has(entry.documentId)
      );
      if (unknown >= 0) {
        throw new EventBatchError(
          unknown,
          'entry.documentId',
          `no ${uid} entry has documentId "${events[unknown].entry?.documentId}"`
        );
      }
    }
    for (const [uid, documentIds] of missing) {
      const tagged = getService(strapi, 'optIns').get(uid)?.tagging;
      const tags = tagged
        ? await getService(strapi, 'tags').forEntries(uid, [...documentIds], null)
        : {};
      for (const documentId of documentIds) {
        const active = (tags[documentId] ?? [])
          .filter((tag) => tag.status !== 'rejected')
          .map((tag) => tag.label);
        labelCache.set(cacheKey(uid, documentId), active);
        labels.set(`${uid}|${documentId}`, active);
      }
    }
    return labels;
  };

  return labelsOf;
};
