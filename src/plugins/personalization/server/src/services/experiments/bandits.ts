import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  banditScopes,
  reweight,
  settingsFor,
  type BanditState,
  type ScopeState,
} from '../../core/experiments/bandit';
import type { ExperimentRow } from '../../records/types';
import type { BanditReport } from '../../../../shared/contracts/bandits';
import { EXPERIMENT_UID } from '../../records/uids';
import { getPluginConfig } from '../../utils/get-plugin-config';
import { getService } from '../../utils/get-service';
import { toNumber } from '../../tables/audience';
import { aggregateMetric } from './aggregates';
import { EXPERIMENT_TABLES } from '../../tables/experiments';

const HOUR_MS = 3_600_000;
/** Reweights returned by the report: the newest ones (about 100 days of hourly reweights of two scopes). */
const MAX_HISTORY = 5000;

/**
 * Thompson bandits on experiments in bandit mode: each scope (the global bandit and every listed
 * segment) is reweighted from its own exposures' aggregates of the primary metric, on its own
 * cadence, by a job on Strapi's cron or on demand. Each reweight is stored (a row per scope) and
 * the current weights and posteriors on the experiment, where the decision path reads them.
 */
const createBanditsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const rows = () => strapi.db.query(EXPERIMENT_UID);

  const isDue = (row: ExperimentRow, scope: string, now: number): boolean => {
    const state = row.banditState?.phase === row.phase ? row.banditState : null;
    const last = state?.scopes[scope]?.reweightedAt;
    const { cadenceMinutes } = settingsFor(row.bandit, scope);
    return !last || now - Date.parse(last) >= cadenceMinutes * 60_000;
  };

  const reweightRow = async (row: ExperimentRow, force: boolean, now: number) => {
    const previous = row.banditState?.phase === row.phase ? row.banditState : null;
    const scopes: BanditState['scopes'] = { ...previous?.scopes };
    const metric = row.plan?.primaryMetric ?? row.primaryMetric;
    const configured = Object.fromEntries(row.arms.map((arm) => [arm.name, arm.weight]));
    const done: string[] = [];
    for (const scope of banditScopes(row.bandit)) {
      if (!force && !isDue(row, scope, now)) continue;
      const evidence = await aggregateMetric(knex(), metric, {
        experimentId: row.documentId,
        phase: row.phase,
        windowMs: row.attributionWindowHours * HOUR_MS,
        banditSegment: scope,
      });
      const result = reweight({
        metric: metric.kind,
        arms: row.arms.map((arm) => arm.name),
        evidence,
        current: previous?.scopes[scope]?.weights ?? configured,
        settings: settingsFor(row.bandit, scope),
      });
      scopes[scope] = { ...result, reweightedAt: new Date(now).toISOString() };
      await knex()(EXPERIMENT_TABLES.reweights).insert({
        experiment_id: row.documentId,
        phase: row.phase,
        segment: scope,
        reweighted_at: now,
        reweighted: result.reweighted,
        result: JSON.stringify({
          weights: result.weights,
          probabilities: result.probabilities,
          posteriors: result.posteriors,
          exposures: result.exposures,
        }),
      });
      done.push(scope);
    }
    if (done.length === 0) return done;
    const banditState: BanditState = { phase: row.phase, scopes };
    await rows().update({ where: { id: row.id }, data: { banditState } });
    return done;
  };

  const changed = async () => {
    await getService(strapi, 'changeChannel').changed('experiments');
  };

  const banditRow = async (name: string): Promise<ExperimentRow> => {
    const row = await getService(strapi, 'experiments').get(name);
    if (row.mode !== 'bandit') {
      throw new errors.ValidationError(`experiment "${name}" is not a bandit (its mode is "ab")`);
    }
    return row;
  };

  const service = {
    /** Settings, current weights and posteriors per scope, and the history of reweights. */
    async report(name: string): Promise<BanditReport> {
      const row = await banditRow(name);
      const history = (await knex()(EXPERIMENT_TABLES.reweights)
        .where({ experiment_id: row.documentId })
        .orderBy([
          { column: 'reweighted_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(MAX_HISTORY)) as Array<{
        phase: unknown;
        segment: string;
        reweighted_at: unknown;
        reweighted: unknown;
        result: string;
      }>;
      const state = row.banditState?.phase === row.phase ? row.banditState : null;
      return {
        experiment: row.name,
        status: row.status,
        phase: row.phase,
        metric: (row.plan?.primaryMetric ?? row.primaryMetric).name,
        scopes: banditScopes(row.bandit).map((scope) => ({
          segment: scope,
          settings: settingsFor(row.bandit, scope),
          current: state?.scopes[scope] ?? null,
        })),
        reweights: history.reverse().map((entry) => ({
          segment: entry.segment,
          phase: toNumber(entry.phase),
          reweightedAt: new Date(toNumber(entry.reweighted_at)).toISOString(),
          reweighted: Boolean(entry.reweighted),
          ...(JSON.parse(entry.result) as Omit<ScopeState, 'reweightedAt' | 'reweighted'>),
        })),
      } satisfies BanditReport;
    },

    /** Reweights every scope of one running bandit now, whatever its cadence. */
    async reweightNow(name: string, now = Date.now()) {
      const row = await banditRow(name);
      if (row.status !== 'running') {
        throw new errors.ValidationError(
          `experiment "${name}" is ${row.status}; only a running bandit reweights`
        );
      }
      await reweightRow(row, true, now);
      await changed();
      return service.report(name);
    },

    /** The job: every running bandit's scopes whose cadence has elapsed. */
    async runDue(now = Date.now()): Promise<number> {
      const found = (await rows().findMany({
        where: { status: 'running', mode: 'bandit' },
      })) as ExperimentRow[];
      let count = 0;
      for (const row of found) count += (await reweightRow(row, false, now)).length;
      if (count > 0) await changed();
      return count;
    },

    /** runDue for the slot `now` once across instances (0 when another instance has it). */
    async runLocked(now = Date.now()): Promise<number> {
      const run = await getService(strapi, 'scheduledJobs').runExclusively('bandits', now, () =>
        service.runDue(now)
      );
      return run.ran ? run.result : 0;
    },

    /** Wakes on `bandits.cron` (every minute by default); each bandit keeps its own cadence. */
    schedule(): void {
      getService(strapi, 'scheduledJobs').add('bandits', getPluginConfig(strapi).bandits.cron, () =>
        service.runDue()
      );
    },
  };
  return service;
};

export type BanditsService = ReturnType<typeof createBanditsService>;
export default createBanditsService;
