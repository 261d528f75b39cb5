import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import {
  createExperimentSchema,
  emptyBodySchema,
  stopExperimentSchema,
  updateExperimentSchema,
} from '../validation/experiment-input';
import { parseBody } from '../validation/common';
import { crudController } from './crud-controller';
import type { RequestContext } from './request-context';

/** `/experiments`: records (as rules are), their life cycle and their results. */
const createExperimentsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const experiments = () => getService(strapi, 'experiments');
  return {
    ...crudController(experiments, {
      create: createExperimentSchema,
      update: updateExperimentSchema,
    }),
    async start(ctx: RequestContext) {
      parseBody(emptyBodySchema, ctx.request.body ?? {});
      ctx.body = { data: await experiments().start(ctx.params.name) };
    },
    async stop(ctx: RequestContext) {
      const input = parseBody(stopExperimentSchema, ctx.request.body ?? {});
      ctx.body = { data: await experiments().stop(ctx.params.name, input) };
    },
    async archive(ctx: RequestContext) {
      parseBody(emptyBodySchema, ctx.request.body ?? {});
      ctx.body = { data: await experiments().archive(ctx.params.name) };
    },
    async results(ctx: RequestContext) {
      const row = await experiments().get(ctx.params.name);
      ctx.body = { data: await getService(strapi, 'experimentResults').results(row) };
    },
    /** `GET /experiments/:name/bandit`: weights, posteriors and reweights per bandit scope. */
    async bandit(ctx: RequestContext) {
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
