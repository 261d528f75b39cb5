import type { Core } from '@strapi/strapi';
import type {
  ExperimentRecord,
  ShipExperimentResult,
} from '../../../shared/contracts/experiment-records';
import type { ExperimentRow } from '../records/types';
import { shippedRuleName } from '../services/experiments/shipping';
import { getService } from '../utils/get-service';
import {
  createExperimentSchema,
  emptyBodySchema,
  shipExperimentSchema,
  stopExperimentSchema,
  updateExperimentSchema,
} from '../validation/experiment-input';
import { emptyQuerySchema, parseBody } from '../validation/common';
import type { RequestContext } from './request-context';

/** `/experiments`: records (as rules are), their life cycle and their results. */
const createExperimentsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const experiments = () => getService(strapi, 'experiments');
  const record = (row: ExperimentRow) => row satisfies ExperimentRecord;
  return {
    async find(ctx: RequestContext) {
      ctx.body = { data: (await experiments().list()).map(record), meta: {} };
    },
    async findOne(ctx: RequestContext) {
      ctx.body = { data: record(await experiments().get(ctx.params.name)) };
    },
    async create(ctx: RequestContext) {
      const input = parseBody(createExperimentSchema, ctx.request.body);
      ctx.status = 201;
      ctx.body = { data: record(await experiments().create(input)) };
    },
    async update(ctx: RequestContext) {
      const input = parseBody(updateExperimentSchema, ctx.request.body);
      ctx.body = { data: record(await experiments().update(ctx.params.name, input)) };
    },
    async delete(ctx: RequestContext) {
      await experiments().remove(ctx.params.name);
      ctx.status = 204;
    },
    async start(ctx: RequestContext) {
      parseBody(emptyBodySchema, ctx.request.body ?? {});
      ctx.body = { data: record(await experiments().start(ctx.params.name)) };
    },
    async stop(ctx: RequestContext) {
      const input = parseBody(stopExperimentSchema, ctx.request.body ?? {});
      ctx.body = { data: record(await experiments().stop(ctx.params.name, input)) };
    },
    /** Stop with the decision "ship arm": the shipping service's rule serves it from now on. */
    async ship(ctx: RequestContext) {
      const { arm } = parseBody(shipExperimentSchema, ctx.request.body ?? {});
      const stopped = await experiments().stop(ctx.params.name, { decision: 'ship', arm });
      ctx.body = {
        data: {
          experiment: record(stopped),
          rule: shippedRuleName(stopped.name),
        } satisfies ShipExperimentResult,
      };
    },
    async archive(ctx: RequestContext) {
      parseBody(emptyBodySchema, ctx.request.body ?? {});
      ctx.body = { data: record(await experiments().archive(ctx.params.name)) };
    },
    async results(ctx: RequestContext) {
      const row = await experiments().get(ctx.params.name);
      ctx.body = { data: await getService(strapi, 'experimentResults').results(row) };
    },
    /** `GET /experiments/:name/bandit`: weights, posteriors and reweights per bandit scope. */
    async bandit(ctx: RequestContext) {
      parseBody(emptyQuerySchema, ctx.query);
      ctx.body = { data: await getService(strapi, 'bandits').report(ctx.params.name) };
    },
    /** `POST /experiments/:name/bandit/reweight`: reweights every scope now. */
    async reweight(ctx: RequestContext) {
      parseBody(emptyBodySchema, ctx.request.body ?? {});
      ctx.body = { data: await getService(strapi, 'bandits').reweightNow(ctx.params.name) };
    },
  };
};

export default createExperimentsController;
