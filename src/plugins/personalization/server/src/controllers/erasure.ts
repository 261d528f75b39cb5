import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { userIdSchema, visitorIdSchema } from '../validation/audience-input';
import { parseBody } from '../validation/common';
import type { ErasureCountsRecord } from '../../../shared/contracts/audience';
import { managementActor, requestIdOf, type AuditableContext } from './audit-actor';
import type { RequestContext } from './request-context';

const erasureRequest = (ctx: AuditableContext) => ({
  actor: managementActor(ctx),
  requestId: requestIdOf(ctx),
});

const createErasureController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `DELETE /users/:id`: every audience row of the user and their linked visitor ids. */
  async user(ctx: RequestContext & AuditableContext) {
    const id = parseBody(userIdSchema, ctx.params.id);
    ctx.body = {
      data: (await getService(strapi, 'erasure').eraseUser(
        id,
        erasureRequest(ctx)
      )) satisfies ErasureCountsRecord,
    };
  },

  /** `DELETE /visitors/:id`: every audience row of an anonymous visitor id. */
  async visitor(ctx: RequestContext & AuditableContext) {
    const id = parseBody(visitorIdSchema, ctx.params.id);
    ctx.body = {
      data: (await getService(strapi, 'erasure').eraseVisitor(
        id,
        erasureRequest(ctx)
      )) satisfies ErasureCountsRecord,
    };
  },
});

export default createErasureController;
