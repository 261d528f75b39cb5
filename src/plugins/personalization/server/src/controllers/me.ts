import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { answeringUnauthorized, audienceCaller } from './audience-caller';

const createMeController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `GET /me`: what the plugin keeps about the caller (profile view, segments, consent). */
  show: answeringUnauthorized(async (ctx) => {
    const who = await audienceCaller(strapi, ctx);
    getService(strapi, 'audience').invalidate(who.key);
    const context = await getService(strapi, 'audience').contextFor(who.caller);
    ctx.body = {
      data: {
        subject: who.subject,
        consent: context?.consent ?? getService(strapi, 'consents').defaults(),
        profile: context?.profile ?? null,
        segments: context?.segments ?? [],
      },
    };
  }),
});

export default createMeController;
