import type { Core } from '@strapi/strapi';
import type { StatsAnalysis, StatsSampleSize } from '../../../shared/contracts/experiments';
import { analyzeArms, sampleSizePerArm } from '../core/experiments/stats';
import { parseBody } from '../validation/common';
import { analyzeSchema, sampleSizeSchema } from '../validation/stats-input';
import type { RequestContext } from './request-context';

/**
 * `/stats`: the statistics engine as pure endpoints for analysts (nothing stored). The admin's
 * live sample-size calculator calls `sampleSize` too.
 */
const createStatsController = (_context: { strapi: Core.Strapi }) => ({
  async analyze(ctx: RequestContext) {
    const input = parseBody(analyzeSchema, ctx.request.body);
    ctx.body = { data: analyzeArms(input) satisfies StatsAnalysis };
  },
  async sampleSize(ctx: RequestContext) {
    const input = parseBody(sampleSizeSchema, ctx.request.body);
    ctx.body = { data: { perArm: sampleSizePerArm(input) } satisfies StatsSampleSize };
  },
});

export default createStatsController;
