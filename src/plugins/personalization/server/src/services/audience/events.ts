import type { Core } from '@strapi/strapi';
import { attributeLists } from '../../core/recommendations/list-attribution';
import type { ProfileEvent, TrackedEvent } from '../../core/audience/events/types';
import { getService } from '../../utils/get-service';
import type { StoredCaller } from './identity';
import { createEventLabels } from './event-labels';
import { AUDIENCE_TABLES } from '../../tables/audience';

export interface IngestResult {
  /** Events stored now. */
  accepted: number;
  /** Events already stored under the same client id (a retry): not counted twice. */
  duplicates: number;
  /** Events not stored because the caller has not consented to analytics. */
  dropped: number;
}

export interface IngestInput extends StoredCaller {
  events: readonly TrackedEvent[];
  device: string | null;
}

/** Rows per INSERT statement: keeps PostgreSQL well under its 65 535 bind parameters. */
const INSERT_CHUNK = 500;

/**
 * Stores a caller's events and folds them into their profile and rule segments, all in one
 * transaction: a batch is stored whole or not at all.
 */
const createAudienceEventsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const labelsOf = createEventLabels(strapi);

  return {
    /** Throws EventBatchError, before anything is stored, for an event about a missing entry. */
    async ingest(input: IngestInput): Promise<IngestResult> {
      const labels = await labelsOf(input.events);
      const consent = await getService(strapi, 'consents').get(input.key);
      if (!consent.analytics) return { accepted: 0, duplicates: 0, dropped: input.events.length };

      const receivedAt = Date.now();
      const profileEvents: ProfileEvent[] = input.events.map((event) => ({
        type: event.type,
        value: event.value ?? null,
        time: Date.parse(event.timestamp),
        sessionId: event.sessionId,
        tags: event.entry ? (labels.get(`${event.entry.uid}|${event.entry.documentId}`) ?? []) : [],
        device: input.device,
      }));
      // A `list` is credited only when that list was issued holding the entry; else stored as none.
      const lists = getService(strapi, 'recommendations').issuedLists;
      const claimed = input.events.flatMap((event) => (event.list ? [event.list] : []));
      const verdicts = attributeLists(
        input.events,
        await lists.find(strapi.db.connection, claimed)
      );
      const rows = input.events.map((event, position) => ({
        caller_key: input.key,
        event_id: event.id,
        type: event.type,
        name: event.name ?? null,
        list_id: verdicts[position] && 'list' in verdicts[position] ? event.list : null,
        entry_uid: event.entry?.uid ?? null,
        entry_document_id: event.entry?.documentId ?? null,
        value: event.value ?? null,
        occurred_at: profileEvents[position].time,
        session_id: event.sessionId,
        tags: JSON.stringify(profileEvents[position].tags),
        device: input.device,
        received_at: receivedAt,
      }));

      const accepted = await strapi.db.connection.transaction(async (trx) => {
        // Rows whose (caller, client id) is already stored are skipped: a retry, or the other copy
        // of a batch sent twice at once (PostgreSQL waits for that transaction, then skips).
        const stored = new Set<string>();
        for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
          const inserted = (await trx(AUDIENCE_TABLES.events)
            .insert(rows.slice(start, start + INSERT_CHUNK))
            .onConflict(['caller_key', 'event_id'])
            .ignore()
            .returning('event_id')) as Array<{ event_id: string }>;
          inserted.forEach((row) => stored.add(row.event_id));
        }
        const isStored = (position: number) => stored.has(rows[position].event_id);
        const fresh = profileEvents.filter((_, position) => isStored(position));
        if (fresh.length === 0) return 0;
        await lists.count(
          trx,
          verdicts.filter((_, position) => isStored(position)),
          receivedAt
        );
        const profile = await getService(strapi, 'profiles').addEvents(
          trx,
          input.key,
          input.subject,
          fresh
        );
        await getService(strapi, 'segments').refreshMember(
          trx,
          input.key,
          profile,
          input.subject === 'user'
        );
        return fresh.length;
      });
      getService(strapi, 'audience').invalidate(input.key);
      return { accepted, duplicates: input.events.length - accepted, dropped: 0 };
    },
  };
};

export type AudienceEventsService = ReturnType<typeof createAudienceEventsService>;
export default createAudienceEventsService;
