import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { ExperimentResults } from '../../../../shared/contracts/experiments';
import { analyzeResults, DEFAULT_SEQUENTIAL_TUNING } from '../../core/experiments';
import { sampleSizePerArm, statsEngine } from '../../core/experiments/stats';
import type { ExperimentRow } from '../../records/types';
import { aggregateMetrics, exposureTimeline } from './aggregates';

/** Callers per arm the plan needs (see the service's plannedSampleSize). */
const plannedSampleSize = (row: ExperimentRow): number | null => {
  const { baseline } = row;
  if (!baseline) return null;
  const metric = row.primaryMetric.kind;
  if ('rate' in baseline !== (metric === 'proportion')) {
    throw new errors.ValidationError(
      `baseline: the primary metric "${row.primaryMetric.name}" is a ${metric}; its baseline is ${metric === 'proportion' ? '{ rate }' : '{ mean, sd }'}`
    );
  }
  if ('rate' in baseline && baseline.rate * (1 + row.mde) >= 1) {
    throw new errors.ValidationError(
      `baseline: a rate of ${baseline.rate} raised by the MDE of ${row.mde} is not a proportion below 1`
    );
  }
  if ('mean' in baseline && baseline.mean === 0) {
    throw new errors.ValidationError('baseline: a relative MDE needs a non-zero baseline mean');
  }
  return sampleSizePerArm({
    metric,
    baseline,
    mde: row.mde,
    alpha: row.alpha,
    power: row.power,
  });
};

/**
 * An experiment's results: per-arm sufficient statistics of each metric from SQL
 * (./aggregates.ts), analysed by the pure statistics engine (core/experiments/stats) against the
 * phase's frozen plan.
 */
const createExperimentResultsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  return {
    /**
     * Callers per arm the plan needs for its power at its MDE, from the baseline given before the
     * start (the primary metric's expected rate, or mean and sd); null without a baseline. A
     * baseline that cannot give one is refused (400 naming it): a plan is frozen only once.
     */
    plannedSampleSize,

    async results(row: ExperimentRow): Promise<ExperimentResults> {
      const { phase, plan } = row;
      const frozen = {
        arms: plan?.arms ?? row.arms,
        primaryMetric: plan?.primaryMetric ?? row.primaryMetric,
        guardrailMetrics: plan?.guardrailMetrics ?? row.guardrailMetrics ?? [],
        alpha: plan?.alpha ?? row.alpha,
        mde: plan?.mde ?? row.mde,
        attributionWindowHours: plan?.attributionWindowHours ?? row.attributionWindowHours,
      };
      const scope = {
        experimentId: row.documentId,
        phase,
        windowMs: frozen.attributionWindowHours * 3_600_000,
      };
      const definitions = [frozen.primaryMetric, ...frozen.guardrailMetrics];
      // Every metric from one statement (the events are read once), beside the exposure timeline.
      const [aggregates, timeline] = await Promise.all([
        aggregateMetrics(knex(), definitions, scope),
        exposureTimeline(knex(), row.documentId, phase, Date.now()),
      ]);
      const metrics = definitions.map((definition, index) => ({
        definition,
        primary: index === 0,
        arms: aggregates[index],
      }));
      const analysis = analyzeResults(
        {
          arms: frozen.arms,
          metrics,
          alpha: frozen.alpha,
          mde: frozen.mde,
          sequentialTuning: plan?.sequentialTuning ?? DEFAULT_SEQUENTIAL_TUNING,
          plannedPerArm: plan?.sampleSizePerArm ?? null,
          lastWeekExposures: timeline.lastWeek,
          running: row.status === 'running',
        },
        statsEngine
      );
      return {
        experiment: {
          name: row.name,
          status: row.status,
          phase,
          decision: row.decision,
          mode: row.mode ?? 'ab',
        },
        plan: plan ? { ...plan } : null,
        timeline: timeline.days,
        ...analysis,
      } satisfies ExperimentResults;
    },
  };
};

export type ExperimentResultsService = ReturnType<typeof createExperimentResultsService>;
export default createExperimentResultsService;
