import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { createRuleSchema, updateRuleSchema } from '../validation/rule-input';
import { emptyBodySchema } from '../validation/experiment-input';
import { emptyQuerySchema, parseBody } from '../validation/common';
import { crudController } from './crud-controller';
import type { RequestContext } from './request-context';

/** `/rules`: records, and their shadow report with its promote and discard actions. */
const createRulesController = ({ strapi }: { strapi: Core.Strapi }) => {
  const shadow = () => getService(strapi, 'shadow');
  return {
    ...crudController(() => getService(strapi, 'rules'), {
      create: createRuleSchema,
      update: updateRuleSchema,
    }),
    async shadowReport(ctx: RequestContext) {
      parseBody(emptyQuerySchema, ctx.query);
      ctx.body = { data: await shadow().report(ctx.params.name) };
    },
    async shadowPromote(ctx: RequestContext) {
      parseBody(emptyBodySchema, ctx.request.body ?? {});
      ctx.body = { data: await shadow().promote(ctx.params.name) };
    },
    async shadowDiscard(ctx: RequestContext) {
      parseBody(emptyBodySchema, ctx.request.body ?? {});
      ctx.body = { data: await shadow().discard(ctx.params.name) };
    },
  };
};

export default createRulesController;
