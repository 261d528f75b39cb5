import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { consentSchema } from '../validation/audience-input';
import { parseBody } from '../validation/common';
import { answeringUnauthorized, audienceCaller } from './audience-caller';

const createConsentController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `GET /consent`: the caller's purposes, and whether they answered or got the defaults. */
  show: answeringUnauthorized(async (ctx) => {
    const who = await audienceCaller(strapi, ctx);
    ctx.body = { data: await getService(strapi, 'consents').get(who.key) };
  }),

  /** `PUT /consent`: sets the purposes given; the others keep their value. */
  update: answeringUnauthorized(async (ctx) => {
    const who = await audienceCaller(strapi, ctx);
    const change = parseBody(consentSchema, ctx.request.body);
    const consents = getService(strapi, 'consents');
    const current = await consents.get(who.key);
    const next = {
      personalization: change.personalization ?? current.personalization,
      analytics: change.analytics ?? current.analytics,
    };
    await consents.set(who.key, next);
    getService(strapi, 'audience').invalidate(who.key);
    ctx.body = { data: { ...next, stored: true } };
  }),
});

export default createConsentController;
