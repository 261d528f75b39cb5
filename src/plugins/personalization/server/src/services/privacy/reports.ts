import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { chargeBudget } from '../../core/privacy/budget';
import { laplaceNoise } from '../../core/privacy/laplace';
import { noisyCounts } from '../../core/privacy/noisy-counts';
import type { ReportName } from '../../core/privacy/report-names';
import { getPluginConfig } from '../../utils/get-plugin-config';
import type { Knex } from '../../tables/audience';
import type { AuditActor } from './audit';
import { reportInputs } from './report-inputs';
import { PRIVACY_TABLES } from '../../tables/privacy';

const DAY_MS = 86_400_000;
/** The one budget every report draws from: they all describe the same people. */
export const BUDGET_NAME = 'reports';
/** Any fixed number: PostgreSQL's advisory lock that serializes budget charges. */
const BUDGET_LOCK = 18_2026;

/** The 429 for a release the budget cannot pay for, with when the next one fits. */
const budgetSpent = (
  name: ReportName,
  charge: { total: number; periodDays: number; epsilon: number; spent: number; now: number },
  releases: Array<{ epsilon: number | string; released_at: number | string }>
) => {
  const { total, periodDays, epsilon, spent, now } = charge;
  // The oldest releases leave the window first; once enough have, this one fits.
  let freed = spent;
  let nextAt = now;
  for (const row of releases) {
    freed -= Number(row.epsilon);
    nextAt = Number(row.released_at) + periodDays * DAY_MS;
    if (chargeBudget({ total, spent: freed }, epsilon).allowed) break;
  }
  return new errors.RateLimitError(
    `privacy budget "${BUDGET_NAME}" spent: ε ${round(spent)} of ${total} used in the last ${periodDays} days and ${name} needs ε ${epsilon}; next release possible from ${new Date(nextAt).toISOString()}`,
    {
      budget: BUDGET_NAME,
      epsilon: total,
      spent: round(spent),
      needed: epsilon,
      nextAt: new Date(nextAt).toISOString(),
    }
  );
};

/**
 * Differentially private releases of aggregate reports for sharing outside the team: bounded
 * contributions, Laplace noise of scale Δ/ε, suppression below k, and a privacy budget per period
 * (sequential composition over the releases table). Internal dashboards keep the exact counts.
 */
const createReportsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = getPluginConfig(strapi).privacy.reports;
  const noise = laplaceNoise(config.seed);
  const inputs = reportInputs(strapi);

  /** Charges the budget and records the release, or refuses naming the budget. */
  const charge = async (name: ReportName, actor: AuditActor, now: number) => {
    const epsilon = config.epsilon[name];
    const { epsilon: total, periodDays } = config.budget;
    const since = now - periodDays * DAY_MS;
    return strapi.db.transaction(async ({ trx }: { trx: Knex }) => {
      if (strapi.db.dialect.client === 'postgres') {
        await trx.raw('SELECT pg_advisory_xact_lock(?)', [BUDGET_LOCK]);
      }
      const releases = (await trx(PRIVACY_TABLES.releases)
        .where('released_at', '>=', since)
        .select('epsilon', 'released_at')
        .orderBy('released_at')) as Array<{
        epsilon: number | string;
        released_at: number | string;
      }>;
      const spent = releases.reduce((sum, row) => sum + Number(row.epsilon), 0);
      const decision = chargeBudget({ total, spent }, epsilon);
      if (!decision.allowed) {
        throw budgetSpent(name, { total, periodDays, epsilon, spent, now }, releases);
      }
      await trx(PRIVACY_TABLES.releases).insert({
        report: name,
        epsilon,
        released_at: now,
        actor_type: actor.type,
        actor_id: actor.id,
      });
      return { total, periodDays, ...decision };
    });
  };

  return {
    async release(name: ReportName, actor: AuditActor, now = Date.now()) {
      const input = await inputs[name](now, config.weeks);
      const budget = await charge(name, actor, now);
      const epsilon = config.epsilon[name];
      const release = noisyCounts({
        cells: input.cells,
        contributions: input.contributions,
        maxContributions: config.maxContributions[name],
        epsilon,
        minCount: config.minCount,
        noise,
      });
      return {
        report: name,
        releasedAt: new Date(now).toISOString(),
        rows: release.counts.map(({ cell, count, suppressed }) => ({
          ...input.labels.get(cell),
          count,
          suppressed,
        })),
        privacy: {
          mechanism: 'laplace' as const,
          epsilon,
          sensitivity: release.sensitivity,
          scale: release.scale,
          minCount: config.minCount,
          budget: {
            name: BUDGET_NAME,
            epsilon: budget.total,
            spent: round(budget.spent),
            remaining: round(budget.remaining),
            periodDays: budget.periodDays,
          },
        },
      };
    },
  };
};

const round = (value: number): number => Math.round(value * 1e6) / 1e6;

export type ReportsService = ReturnType<typeof createReportsService>;
export default createReportsService;
