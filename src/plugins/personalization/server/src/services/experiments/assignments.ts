import type { Core } from '@strapi/strapi';
import { LRUCache } from 'lru-cache';
import { toNumber } from '../../tables/audience';
import { EXPERIMENT_TABLES } from '../../tables/experiments';

/** One experiment a caller was just served. */
export interface ServedExperiment {
  experimentId: string;
  phase: number;
  arm: string;
  /** Bandit experiments: the caller's bandit scope (a listed segment or the global `*`). */
  banditSegment?: string;
}

/** A caller's arms (by experiment id) and the experiment phases they were exposed in. */
export interface CallerAssignments {
  arms: Map<string, string>;
  exposed: Set<string>;
}

const exposureKey = (experimentId: string, phase: number) => `${experimentId}@${phase}`;

/**
 * Sticky assignments and once-per-phase exposures, stored per pseudonymous caller key. A caller's
 * rows are cached briefly per instance; their first arm always wins (insert … on conflict ignore),
 * so concurrent requests or instances never give one caller two arms.
 */
const createExperimentAssignmentsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const cache = new LRUCache<string, CallerAssignments>({ max: 20_000, ttl: 60_000 });

  const service = {
    async forCaller(callerKey: string): Promise<CallerAssignments> {
      const cached = cache.get(callerKey);
      if (cached) return cached;
      const [arms, exposures] = await Promise.all([
        knex()(EXPERIMENT_TABLES.assignments)
          .where({ caller_key: callerKey })
          .select('experiment_id', 'arm') as Promise<Array<{ experiment_id: string; arm: string }>>,
        knex()(EXPERIMENT_TABLES.exposures)
          .where({ caller_key: callerKey })
          .select('experiment_id', 'phase') as Promise<
          Array<{ experiment_id: string; phase: number | string }>
        >,
      ]);
      const found: CallerAssignments = {
        arms: new Map(arms.map((row) => [row.experiment_id, row.arm])),
        exposed: new Set(
          exposures.map((row) => exposureKey(row.experiment_id, toNumber(row.phase)))
        ),
      };
      cache.set(callerKey, found);
      return found;
    },

    /**
     * Stores what a caller was served: their arm (always: it keeps their experience consistent)
     * and, with analytics consent, their first exposure in the phase. Idempotent.
     */
    async record(callerKey: string, served: ServedExperiment[], analytics: boolean): Promise<void> {
      const known = await service.forCaller(callerKey);
      const now = Date.now();
      const newArms = served.filter((entry) => !known.arms.has(entry.experimentId));
      const newExposures = analytics
        ? served.filter((entry) => !known.exposed.has(exposureKey(entry.experimentId, entry.phase)))
        : [];
      if (newArms.length === 0 && newExposures.length === 0) return;
      await knex().transaction(async (trx) => {
        if (newArms.length > 0) {
          await trx(EXPERIMENT_TABLES.assignments)
            .insert(
              newArms.map((entry) => ({
                experiment_id: entry.experimentId,
                caller_key: callerKey,
                arm: entry.arm,
                assigned_at: now,
              }))
            )
            .onConflict(['experiment_id', 'caller_key'])
            .ignore();
        }
        if (newExposures.length > 0) {
          await trx(EXPERIMENT_TABLES.exposures)
            .insert(
              newExposures.map((entry) => ({
                experiment_id: entry.experimentId,
                phase: entry.phase,
                caller_key: callerKey,
                arm: entry.arm,
                exposed_at: now,
                bandit_segment: entry.banditSegment ?? null,
              }))
            )
            .onConflict(['experiment_id', 'phase', 'caller_key'])
            .ignore();
        }
      });
      cache.delete(callerKey);
    },

    /** Drops an experiment's rows (it was deleted). */
    async removeExperiment(experimentId: string): Promise<void> {
      await knex().transaction(async (trx) => {
        await trx(EXPERIMENT_TABLES.assignments).where({ experiment_id: experimentId }).delete();
        await trx(EXPERIMENT_TABLES.exposures).where({ experiment_id: experimentId }).delete();
        await trx(EXPERIMENT_TABLES.reweights).where({ experiment_id: experimentId }).delete();
      });
      cache.clear();
    },

    /** Erasure deleted these callers' rows (in its own transaction): drop what is cached. */
    forget(callerKeys: string[]): void {
      callerKeys.forEach((key) => cache.delete(key));
    },
  };
  return service;
};

export type ExperimentAssignmentsService = ReturnType<typeof createExperimentAssignmentsService>;
export default createExperimentAssignmentsService;
