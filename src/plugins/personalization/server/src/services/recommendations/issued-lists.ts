import type { Core } from '@strapi/strapi';
import type { IssuedList, ListVerdict } from '../../core/recommendations';
import type { Knex } from '../../tables/audience';
import { toNumber } from '../../tables/audience';
import { ISSUED_LISTS_TABLE, LIST_ATTRIBUTION_TABLE } from '../../tables/recommendations';

const DAY_MS = 86_400_000;

export interface AttributionTotals {
  /** Events whose `list` was issued for their entry, since `since`. */
  attributed: number;
  /** Events whose `list` was never issued, expired, or did not hold their entry. */
  rejected: number;
  since: string;
}

/**
 * The issued-lists table: every list the recommendations routes hand out is stored (when it is
 * ranked, before it is answered, so any instance can check it), events are credited only to
 * stored lists, and lists older than the retention are dropped by the daily audit job.
 */
export const createIssuedLists = (strapi: Core.Strapi) => {
  const knex = (): Knex => strapi.db.connection;

  return {
    async record(list: string, uid: string, items: readonly string[], now: number): Promise<void> {
      await knex()(ISSUED_LISTS_TABLE)
        .insert({ list_id: list, uid, items: JSON.stringify(items), issued_at: now })
        .onConflict('list_id')
        .merge({ issued_at: now });
    },

    /** The stored lists among `ids` (one query). */
    async find(trx: Knex, ids: readonly string[]): Promise<Map<string, IssuedList>> {
      const found = new Map<string, IssuedList>();
      if (ids.length === 0) return found;
      const rows = (await trx(ISSUED_LISTS_TABLE)
        .whereIn('list_id', [...new Set(ids)])
        .select('list_id', 'uid', 'items')) as Array<{
        list_id: string;
        uid: string;
        items: string;
      }>;
      for (const row of rows) {
        found.set(row.list_id, { uid: row.uid, items: new Set(JSON.parse(row.items) as string[]) });
      }
      return found;
    },

    /** Adds the stored events' verdicts to today's counts (inside the events' transaction). */
    async count(trx: Knex, verdicts: readonly ListVerdict[], now: number): Promise<void> {
      const attributed = verdicts.filter((verdict) => verdict && 'list' in verdict).length;
      const rejected = verdicts.filter((verdict) => verdict && 'rejected' in verdict).length;
      if (attributed + rejected === 0) return;
      const day = new Date(now).toISOString().slice(0, 10);
      await trx(LIST_ATTRIBUTION_TABLE)
        .insert({ day, attributed, rejected })
        .onConflict('day')
        .merge({
          attributed: trx.raw('??.?? + ?', [LIST_ATTRIBUTION_TABLE, 'attributed', attributed]),
          rejected: trx.raw('??.?? + ?', [LIST_ATTRIBUTION_TABLE, 'rejected', rejected]),
        });
    },

    async totals(days: number, now = Date.now()): Promise<AttributionTotals> {
      const since = new Date(now - (days - 1) * DAY_MS).toISOString().slice(0, 10);
      const [row] = (await knex()(LIST_ATTRIBUTION_TABLE)
        .where('day', '>=', since)
        .sum({ attributed: 'attributed', rejected: 'rejected' })) as Array<{
        attributed: number | string | null;
        rejected: number | string | null;
      }>;
      return {
        attributed: toNumber(row?.attributed ?? 0),
        rejected: toNumber(row?.rejected ?? 0),
        since,
      };
    },

    /** Drops lists issued before `before` (epoch ms); answers how many. */
    async prune(before: number): Promise<number> {
      return knex()(ISSUED_LISTS_TABLE).where('issued_at', '<', before).delete();
    },
  };
};

export type IssuedLists = ReturnType<typeof createIssuedLists>;
