import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { parseBody } from '../validation/common';
import { createRuleSchema, updateRuleSchema } from '../validation/rule-input';
import type { RequestContext } from './request-context';

const createRulesController = ({ strapi }: { strapi: Core.Strapi }) => {
  const rules = () => getService(strapi, 'rules');
  return {
    async find(ctx: RequestContext) {
      ctx.body = { data: await rules().list() };
    },
    async findOne(ctx: RequestContext) {
      ctx.body = { data: await rules().get(ctx.params.name) };
    },
    async create(ctx: RequestContext) {
      ctx.status = 201;
      ctx.body = { data: await rules().create(parseBody(createRuleSchema, ctx.request.body)) };
    },
    async update(ctx: RequestContext) {
      ctx.body = {
        data: await rules().update(ctx.params.name, parseBody(updateRuleSchema, ctx.request.body)),
      };
    },
    async delete(ctx: RequestContext) {
      await rules().remove(ctx.params.name);
      ctx.status = 204;
    },
  };
};

export default createRulesController;
