import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { consentSchema } from '../validation/audience-input';
import { parseBody } from '../validation/common';
import { answeringRefusals } from '../utils/http-errors';
import { callerAudit, type AudienceRequestContext } from './audience-caller';

const createConsentController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `GET /consent`: the caller's purposes, and whether they answered or got the defaults. */
  show: answeringRefusals(async (ctx: AudienceRequestContext) => {
    const who = await getService(strapi, 'audienceCallers').resolve(ctx);
    const consent = await getService(strapi, 'consents').get(who.key);
    await getService(strapi, 'audit').record(callerAudit(ctx, who.key, 'consent.read'));
    ctx.body = { data: consent };
  }),

  /** `PUT /consent`: sets the purposes given; the others keep their value. */
  update: answeringRefusals(async (ctx: AudienceRequestContext) => {
    const who = await getService(strapi, 'audienceCallers').resolve(ctx);
    const change = parseBody(consentSchema, ctx.request.body);
    const consents = getService(strapi, 'consents');
    const current = await consents.get(who.key);
    const next = {
      personalization: change.personalization ?? current.personalization,
      analytics: change.analytics ?? current.analytics,
    };
    await consents.set(who.key, next, {
      source: 'api',
      audit: callerAudit(ctx, who.key, 'consent.change'),
    });
    getService(strapi, 'audience').invalidate(who.key);
    ctx.body = { data: { ...next, stored: true } };
  }),
});

export default createConsentController;
