import type { Core } from '@strapi/strapi';
import type { Contribution } from '../../core/privacy/noisy-counts';
import type { ReportName } from '../../core/privacy/report-names';
import { getService } from '../../utils/get-service';
import { CLUSTER_PREFIX } from '../audience/segments';
import { AUDIENCE_TABLES, toNumber } from '../../tables/audience';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** Strongest tags of a profile counted in `tag-affinity-by-segment`, as `topTags` shows them. */
const TOP_TAGS = 5;

/** The cells of a report, their labels, and who contributed to which (before bounding). */
export interface ReportInput {
  cells: string[];
  labels: Map<string, Record<string, string>>;
  contributions: Contribution[];
}

const cellKey = (parts: string[]): string => JSON.stringify(parts);

/** Monday 00:00 UTC of the week holding `time`. */
export const weekStart = (time: number): number => {
  const day = new Date(time);
  const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  return midnight - ((day.getUTCDay() + 6) % 7) * DAY_MS;
};

/** Distinct documentIds of every opted-in type (any locale, draft or published). */
const entries = async (
  strapi: Core.Strapi
): Promise<Array<{ uid: string; documentId: string }>> => {
  const found: Array<{ uid: string; documentId: string }> = [];
  for (const optIn of getService(strapi, 'optIns').list()) {
    const rows = (await strapi.db
      .connection(strapi.db.metadata.get(optIn.uid).tableName)
      .distinct('document_id')
      .orderBy('document_id')) as Array<{ document_id: string }>;
    for (const row of rows) found.push({ uid: optIn.uid, documentId: row.document_id });
  }
  return found;
};

/** Lower-cased labels of the active tags of every tagged entry. */
const contentTags = async (strapi: Core.Strapi): Promise<string[]> => {
  const labels = new Set<string>();
  const byType = new Map<string, string[]>();
  for (const entry of await entries(strapi)) {
    byType.set(entry.uid, [...(byType.get(entry.uid) ?? []), entry.documentId]);
  }
  for (const [uid, documentIds] of byType) {
    if (!getService(strapi, 'optIns').get(uid)?.tagging) continue;
    const tags = await getService(strapi, 'tags').forEntries(uid, documentIds, null);
    for (const list of Object.values(tags)) {
      for (const tag of list) if (tag.status !== 'rejected') labels.add(tag.label.toLowerCase());
    }
  }
  return [...labels].sort();
};

const topTagsOf = (data: string): string[] => {
  const parsed = JSON.parse(data) as { affinities?: Record<string, number> };
  return Object.entries(parsed.affinities ?? {})
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, TOP_TAGS)
    .map(([label]) => label);
};

/** Every segment a report may name: the defined ones and the latest clustering's. */
const segmentNames = async (strapi: Core.Strapi): Promise<string[]> => {
  const defined = (await getService(strapi, 'segments').list()).map((segment) => segment.name);
  const latest = (await strapi.db
    .connection(AUDIENCE_TABLES.clusteringRuns)
    .orderBy('id', 'desc')
    .first()) as { k: number | string } | undefined;
  const clusters = Array.from(
    { length: latest ? toNumber(latest.k) : 0 },
    (_, index) => `${CLUSTER_PREFIX}${index + 1}`
  );
  return [...defined, ...clusters];
};

/**
 * What each report counts. Cells come from what is public inside the app (segment definitions and
 * the latest clustering's k, content entries and their tags), never from the callers' rows.
 */
export const reportInputs = (strapi: Core.Strapi) => {
  const db = () => strapi.db.connection;

  const memberships = async () =>
    (await db()(AUDIENCE_TABLES.segmentMembers)
      .select('caller_key', 'segment')
      .orderBy([{ column: 'caller_key' }, { column: 'segment' }])) as Array<{
      caller_key: string;
      segment: string;
    }>;

  const inputs: Record<ReportName, (now: number, weeks: number) => Promise<ReportInput>> = {
    async 'segment-sizes'() {
      const names = await segmentNames(strapi);
      const labels = new Map(names.map((segment) => [cellKey([segment]), { segment }]));
      const contributions = (await memberships()).map((row) => ({
        caller: row.caller_key,
        cell: cellKey([row.segment]),
      }));
      return { cells: [...labels.keys()], labels, contributions };
    },

    async 'tag-affinity-by-segment'() {
      const [names, tags] = [await segmentNames(strapi), await contentTags(strapi)];
      const labels = new Map<string, Record<string, string>>();
      for (const segment of names) {
        for (const tag of tags) labels.set(cellKey([segment, tag]), { segment, tag });
      }
      const profiles = (await db()(AUDIENCE_TABLES.profiles).select(
        'caller_key',
        'data'
      )) as Array<{ caller_key: string; data: string }>;
      const topTags = new Map(profiles.map((row) => [row.caller_key, topTagsOf(row.data)]));
      const contributions: Contribution[] = [];
      for (const row of await memberships()) {
        for (const tag of topTags.get(row.caller_key) ?? []) {
          contributions.push({ caller: row.caller_key, cell: cellKey([row.segment, tag]) });
        }
      }
      return { cells: [...labels.keys()], labels, contributions };
    },

    async 'events-per-entry-weekly'(now, weeks) {
      const first = weekStart(now) - (weeks - 1) * WEEK_MS;
      const starts = Array.from({ length: weeks }, (_, index) => first + index * WEEK_MS);
      const labels = new Map<string, Record<string, string>>();
      for (const { uid, documentId } of await entries(strapi)) {
        for (const start of starts) {
          const week = new Date(start).toISOString().slice(0, 10);
          labels.set(cellKey([uid, documentId, week]), { uid, documentId, week });
        }
      }
      const events = (await db()(AUDIENCE_TABLES.events)
        .where('occurred_at', '>=', first)
        .whereNotNull('entry_document_id')
        .select('caller_key', 'entry_uid', 'entry_document_id', 'occurred_at')
        .orderBy([{ column: 'occurred_at' }, { column: 'id' }])) as Array<{
        caller_key: string;
        entry_uid: string;
        entry_document_id: string;
        occurred_at: number | string;
      }>;
      const contributions = events.map((event) => ({
        caller: event.caller_key,
        cell: cellKey([
          event.entry_uid,
          event.entry_document_id,
          new Date(weekStart(toNumber(event.occurred_at))).toISOString().slice(0, 10),
        ]),
      }));
      return { cells: [...labels.keys()], labels, contributions };
    },
  };
  return inputs;
};
