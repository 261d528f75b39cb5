import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { userIdSchema, visitorIdSchema } from '../validation/audience-input';
import { parseBody } from '../validation/common';
import type { ErasureCountsRecord } from '../../../shared/contracts/audience';
import type { RequestContext } from './request-context';

const createErasureController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `DELETE /users/:id`: every audience row of the user and their linked visitor ids. */
  async user(ctx: RequestContext) {
    const id = parseBody(userIdSchema, ctx.params.id);
    ctx.body = {
      data: (await getService(strapi, 'erasure').eraseUser(id)) satisfies ErasureCountsRecord,
    };
  },

  /** `DELETE /visitors/:id`: every audience row of an anonymous visitor id. */
  async visitor(ctx: RequestContext) {
    const id = parseBody(visitorIdSchema, ctx.params.id);
    ctx.body = {
      data: (await getService(strapi, 'erasure').eraseVisitor(id)) satisfies ErasureCountsRecord,
    };
  },
});

export default createErasureController;
