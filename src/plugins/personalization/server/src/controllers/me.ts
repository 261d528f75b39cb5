import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { answeringRefusals } from '../utils/http-errors';
import { callerAudit, type AudienceRequestContext } from './audience-caller';

const createMeController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `GET /me`: what the plugin keeps about the caller (profile view, segments, consent). */
  show: answeringRefusals(async (ctx: AudienceRequestContext) => {
    const who = await getService(strapi, 'audienceCallers').resolve(ctx);
    getService(strapi, 'audience').invalidate(who.key);
    const context = await getService(strapi, 'audience').contextFor(who.caller);
    await getService(strapi, 'audit').record(callerAudit(ctx, who.key, 'me.read'));
    ctx.body = {
      data: {
        subject: who.subject,
        consent: context?.consent ?? getService(strapi, 'consents').defaults(),
        profile: context?.profile ?? null,
        segments: context?.segments ?? [],
      },
    };
  }),

  /**
   * `GET /me/export`: every stored row about the caller (subject access). A visitor id gets the
   * visitor's rows alone; a JWT gets the user's and those of the visitor ids linked to them.
   */
  export: answeringRefusals(async (ctx: AudienceRequestContext) => {
    const who = await getService(strapi, 'audienceCallers').resolve(ctx);
    const exports = getService(strapi, 'privacyExport');
    const keys = who.caller.user ? await exports.keysOf(who.caller) : [who.key];
    const data = await exports.export(who.caller, keys);
    await getService(strapi, 'audit').record(callerAudit(ctx, who.key, 'export'));
    ctx.body = { data };
  }),
});

export default createMeController;
