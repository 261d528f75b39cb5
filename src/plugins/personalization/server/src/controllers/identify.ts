import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils/get-service';
import { identifySchema } from '../validation/audience-input';
import { parseBody } from '../validation/common';
import { answeringUnauthorized, audienceCaller, CallerUnauthorizedError } from './audience-caller';

const createIdentifyController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `POST /identify`: on login, links the visitor id to the signed-in user and merges histories. */
  create: answeringUnauthorized(async (ctx) => {
    const who = await audienceCaller(strapi, ctx);
    const body = parseBody(identifySchema, ctx.request.body ?? {});
    if (!who.userId) {
      throw new CallerUnauthorizedError(
        'identify needs Authorization with a users-permissions JWT'
      );
    }
    const visitorId = body.visitorId ?? who.caller.visitorId;
    if (!visitorId) {
      throw new errors.ValidationError('visitorId: send it in the body or the X-Visitor-Id header');
    }
    ctx.body = { data: await getService(strapi, 'stitching').link(who.userId, visitorId) };
  }),
});

export default createIdentifyController;
