import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { parseBody } from '../validation/common';
import { createFlagSchema, updateFlagSchema } from '../validation/flag-input';
import type { RequestContext } from './request-context';

const createFlagsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const flags = () => getService(strapi, 'flags');
  return {
    async find(ctx: RequestContext) {
      ctx.body = { data: await flags().list(), meta: { mode: flags().mode() } };
    },
    async findOne(ctx: RequestContext) {
      ctx.body = { data: await flags().get(ctx.params.name) };
    },
    async create(ctx: RequestContext) {
      ctx.status = 201;
      ctx.body = { data: await flags().create(parseBody(createFlagSchema, ctx.request.body)) };
    },
    async update(ctx: RequestContext) {
      ctx.body = {
        data: await flags().update(ctx.params.name, parseBody(updateFlagSchema, ctx.request.body)),
      };
    },
    async delete(ctx: RequestContext) {
      await flags().remove(ctx.params.name);
      ctx.status = 204;
    },
  };
};

export default createFlagsController;
