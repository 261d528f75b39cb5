import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { getService } from '../utils/get-service';
import { userIdSchema, visitorIdSchema } from '../validation/audience-input';
import { parseBody } from '../validation/common';
import type { CallerProfileRecord } from '../../../shared/contracts/audience';
import { auditEntry, managementActor, type AuditableContext } from './audit-actor';
import type { RequestContext } from './request-context';

const lookupSchema = z
  .object({ userId: userIdSchema.optional(), visitorId: visitorIdSchema.optional() })
  .strict()
  .refine((query) => (query.userId === undefined) !== (query.visitorId === undefined), {
    message: 'give exactly one of userId, visitorId',
  });

const createProfilesController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `GET /profiles?userId=…|visitorId=…`: what is stored about one caller (support, audits). */
  async show(ctx: RequestContext & AuditableContext) {
    const query = parseBody(lookupSchema, ctx.query);
    const caller = query.userId ? { user: { id: query.userId } } : { visitorId: query.visitorId };
    const audience = getService(strapi, 'audience');
    const stored = await getService(strapi, 'audienceIdentity').resolve(caller);
    if (!stored) throw new errors.ValidationError('give exactly one of userId, visitorId');
    audience.invalidate(stored.key);
    const context = await audience.contextFor(caller);
    await getService(strapi, 'audit').record(
      auditEntry(ctx, managementActor(ctx), 'profile.read', stored.key)
    );
    if (!context?.profile) {
      throw new errors.NotFoundError('no profile is stored for this caller');
    }
    ctx.body = {
      data: {
        subject: context.subject,
        consent: context.consent,
        profile: context.profile,
        segments: context.segments,
      } satisfies CallerProfileRecord,
    };
  },
});

export default createProfilesController;
