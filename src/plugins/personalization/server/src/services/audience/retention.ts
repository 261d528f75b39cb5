import type { Core } from '@strapi/strapi';
import { retentionCutoffs, type RetentionCutoffs } from '../../core/privacy/retention';
import { getPluginConfig } from '../../utils/get-plugin-config';
import { getService } from '../../utils/get-service';
import { EXPERIMENT_TABLES } from '../../tables/experiments';
import { PRIVACY_TABLES } from '../../tables/privacy';
import { AUDIENCE_TABLES } from '../../tables/audience';

export interface RetentionResult {
  /** Events deleted (every type). */
  deleted: number;
  /** The cutoff of event types without their own period. */
  before: string;
  purged: {
    events: Record<string, number>;
    profiles: number;
    segmentMembers: number;
    experiments: number;
    consentHistory: number;
    audit: number;
  };
}

/**
 * The daily retention job, one period per purpose (docs/privacy.md): events by type
 * (`privacy.retention.eventTypes`, else `audience.retention.days`), idle profiles and their segment
 * memberships, experiment rows and consent history when their purpose has a period, and the audit
 * log by its own retention.
 */
const createRetentionService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = getPluginConfig(strapi);
  const { days, cron } = config.audience.retention;
  const { retention, audit } = config.privacy;
  const policy = {
    eventDays: days,
    eventTypes: retention.eventTypes,
    personalizationDays: retention.purposes.personalization,
    experimentsDays: retention.purposes.experiments,
    consentRecordsDays: retention.purposes.consentRecords,
    auditDays: audit.retentionDays,
  };
  const db = () => strapi.db.connection;

  const purgeEvents = async (cutoffs: RetentionCutoffs['events']) => {
    const counts: Record<string, number> = {};
    for (const [type, cutoff] of Object.entries(cutoffs.byType)) {
      counts[type] = Number(
        await db()(AUDIENCE_TABLES.events)
          .where({ type })
          .andWhere('occurred_at', '<', cutoff)
          .delete()
      );
    }
    counts.other = Number(
      await db()(AUDIENCE_TABLES.events)
        .whereNotIn('type', Object.keys(cutoffs.byType))
        .andWhere('occurred_at', '<', cutoffs.otherTypes)
        .delete()
    );
    return counts;
  };

  const purgeIdleProfiles = async (cutoff: number | null) => {
    if (cutoff === null) return { profiles: 0, segmentMembers: 0 };
    return strapi.db.transaction(async ({ trx }) => {
      const idle = trx(AUDIENCE_TABLES.profiles)
        .where('updated_at', '<', cutoff)
        .select('caller_key');
      const segmentMembers = Number(
        await trx(AUDIENCE_TABLES.segmentMembers).whereIn('caller_key', idle).delete()
      );
      const profiles = Number(
        await trx(AUDIENCE_TABLES.profiles).where('updated_at', '<', cutoff).delete()
      );
      return { profiles, segmentMembers };
    });
  };

  const purgeOlder = async (table: string, column: string, cutoff: number | null) =>
    cutoff === null ? 0 : Number(await db()(table).where(column, '<', cutoff).delete());

  const service = {
    async run(now = Date.now()): Promise<RetentionResult> {
      const cutoffs = retentionCutoffs(now, policy);
      const events = await purgeEvents(cutoffs.events);
      const { profiles, segmentMembers } = await purgeIdleProfiles(cutoffs.personalization);
      const experiments =
        (await purgeOlder(EXPERIMENT_TABLES.assignments, 'assigned_at', cutoffs.experiments)) +
        (await purgeOlder(EXPERIMENT_TABLES.exposures, 'exposed_at', cutoffs.experiments));
      const consentHistory = await purgeOlder(
        PRIVACY_TABLES.consentHistory,
        'changed_at',
        cutoffs.consentRecords
      );
      const auditRows = await getService(strapi, 'audit').prune(now);
      if (profiles > 0) getService(strapi, 'audience').clear();
      const deleted = Object.values(events).reduce((sum, count) => sum + count, 0);
      if (deleted > 0) strapi.log.info(`[personalization] retention deleted ${deleted} events`);
      return {
        deleted,
        before: new Date(cutoffs.events.otherTypes).toISOString(),
        purged: { events, profiles, segmentMembers, experiments, consentHistory, audit: auditRows },
      };
    },

    /** Once per schedule across instances (the audit log's retention runs inside). */
    schedule(): void {
      getService(strapi, 'scheduledJobs').add('retention', cron, () => service.run());
    },
  };
  return service;
};

export type RetentionService = ReturnType<typeof createRetentionService>;
export default createRetentionService;
