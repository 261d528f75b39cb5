import type { Core, UID } from '@strapi/strapi';
import { auditFeedbackLoop, weekOf, type AuditRow } from '../../core/recommendations';
import { getPluginConfig } from '../../utils/get-plugin-config';
import { getService } from '../../utils/get-service';
import { runInternal } from '../../utils/internal-lookup';
import { AUDIENCE_TABLES, toNumber } from '../../tables/audience';
import { FEEDBACK_AUDIT_TABLE } from '../../tables/recommendations';

const WEEK_MS = 7 * 86_400_000;

export interface StoredAuditRow extends AuditRow {
  catalogue: number;
  computedAt: string;
}

interface Row {
  week: string;
  segment: string;
  exposures: number;
  entries: number;
  catalogue: number;
  top_share: number;
  coverage: number;
  entropy: number;
  entropy_drop: number | null;
  warning: boolean | number;
  computed_at: number | string;
}

const present = (row: Row): StoredAuditRow => ({
  week: row.week,
  segment: row.segment,
  exposures: Number(row.exposures),
  entries: Number(row.entries),
  catalogue: Number(row.catalogue),
  topShare: Number(row.top_share),
  coverage: Number(row.coverage),
  entropy: Number(row.entropy),
  entropyDrop: row.entropy_drop === null ? null : Number(row.entropy_drop),
  warning: Boolean(row.warning),
  computedAt: new Date(toNumber(row.computed_at)).toISOString(),
});

/** Published base entries of every opted-in type: the catalogue coverage is measured against. */
const catalogueSize = async (strapi: Core.Strapi): Promise<number> => {
  let total = 0;
  for (const optIn of getService(strapi, 'optIns').list()) {
    const attributes =
      strapi.contentTypes[optIn.uid as keyof typeof strapi.contentTypes]?.attributes ?? {};
    total += await runInternal(() =>
      strapi.documents(optIn.uid as UID.ContentType).count({
        status: 'published',
        ...('variantKey' in attributes ? { filters: { variantKey: { $null: true } } } : {}),
      } as never)
    );
  }
  return total;
};

/** The view and click events since `since`, and each caller's current segments. */
const auditEvents = async (strapi: Core.Strapi, since: number) => {
  const events = (await strapi.db
    .connection(AUDIENCE_TABLES.events)
    .whereIn('type', ['view', 'click'])
    .where('occurred_at', '>=', since)
    .whereNotNull('entry_document_id')
    .select('caller_key', 'entry_uid', 'entry_document_id', 'occurred_at', 'tags')) as Array<{
    caller_key: string;
    entry_uid: string;
    entry_document_id: string;
    occurred_at: number | string;
    tags: string;
  }>;
  const members = (await strapi.db
    .connection(AUDIENCE_TABLES.segmentMembers)
    .select('caller_key', 'segment')) as Array<{ caller_key: string; segment: string }>;
  const segments = new Map<string, string[]>();
  for (const { caller_key: key, segment } of members) {
    segments.set(key, [...(segments.get(key) ?? []), segment]);
  }
  return { events, segments };
};

/**
 * The feedback-loop audit: each run recomputes the last `weeks` weeks from the view and click
 * events (per segment, by the callers' current memberships) and replaces their rows.
 */
const createFeedbackAuditService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => getPluginConfig(strapi).recommendations.audit;
  let running: Promise<StoredAuditRow[]> | null = null;

  const execute = async (): Promise<StoredAuditRow[]> => {
    const { weeks, entropyDropWarning } = config();
    const since = Date.parse(`${weekOf(Date.now() - (weeks - 1) * WEEK_MS)}T00:00:00Z`);
    const { events, segments } = await auditEvents(strapi, since);
    const catalogue = await catalogueSize(strapi);
    const rows = auditFeedbackLoop(
      events.map((event) => ({
        caller: event.caller_key,
        item: `${event.entry_uid}|${event.entry_document_id}`,
        time: toNumber(event.occurred_at),
        tags: JSON.parse(event.tags) as string[],
      })),
      (caller) => segments.get(caller) ?? [],
      { catalogueSize: catalogue, entropyDropWarning }
    );
    const computedAt = Date.now();
    const firstWeek = weekOf(since);
    await strapi.db.connection.transaction(async (trx) => {
      await trx(FEEDBACK_AUDIT_TABLE).where('week', '>=', firstWeek).delete();
      if (rows.length === 0) return;
      await trx(FEEDBACK_AUDIT_TABLE).insert(
        rows.map((row) => ({
          week: row.week,
          segment: row.segment,
          exposures: row.exposures,
          entries: row.entries,
          catalogue: Math.max(catalogue, row.entries),
          top_share: row.topShare,
          coverage: row.coverage,
          entropy: row.entropy,
          entropy_drop: row.entropyDrop,
          warning: row.warning,
          computed_at: computedAt,
        }))
      );
    });
    const { listRetentionDays } = getPluginConfig(strapi).recommendations;
    await getService(strapi, 'recommendations').issuedLists.prune(
      computedAt - listRetentionDays * 86_400_000
    );
    for (const row of rows.filter((candidate) => candidate.warning)) {
      strapi.log.warn(
        `[personalization] feedback audit: tag entropy of segment "${row.segment}" fell by ${row.entropyDrop?.toFixed(2)} bits in the week of ${row.week}`
      );
    }
    return service.rows();
  };

  const service = {
    /** One run at a time: a second call while one runs gets the same result. */
    run(): Promise<StoredAuditRow[]> {
      running ??= execute().finally(() => {
        running = null;
      });
      return running;
    },

    async rows(filter: { segment?: string; from?: string } = {}): Promise<StoredAuditRow[]> {
      const query = strapi.db.connection(FEEDBACK_AUDIT_TABLE).orderBy([
        { column: 'segment', order: 'asc' },
        { column: 'week', order: 'asc' },
      ]);
      if (filter.segment) query.where({ segment: filter.segment });
      if (filter.from) query.where('week', '>=', filter.from);
      return ((await query) as Row[]).map(present);
    },

    /** Once per schedule across instances (personalizationFeedbackAudit in Strapi's cron). */
    schedule(): void {
      if (!config().enabled) return;
      getService(strapi, 'scheduledJobs').add('feedbackAudit', config().cron, () => service.run());
    },
  };
  return service;
};

export type FeedbackAuditService = ReturnType<typeof createFeedbackAuditService>;
export default createFeedbackAuditService;
