import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils/get-service';
import { answeringRefusals, CallerUnauthorizedError } from '../utils/http-errors';
import { identifySchema } from '../validation/audience-input';
import { parseBody } from '../validation/common';
import type { AudienceRequestContext } from './audience-caller';

const createIdentifyController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * `POST /identify`: on login, links the visitor id of the X-Visitor-Id header (possession) to the
   * JWT user and merges histories. A visitor id linked to another user is a 409.
   */
  create: answeringRefusals(async (ctx: AudienceRequestContext) => {
    parseBody(identifySchema, ctx.request.body ?? {});
    const who = await getService(strapi, 'audienceCallers').resolve(ctx);
    if (!who.userId) {
      throw new CallerUnauthorizedError(
        'identify needs Authorization with a users-permissions JWT'
      );
    }
    const visitorId = who.caller.visitorId;
    if (!visitorId) {
      throw new errors.ValidationError('X-Visitor-Id: send the visitor id to link in this header');
    }
    // A visitor id linked to another user (VisitorClaimedError) is answered 409 by answeringRefusals.
    ctx.body = { data: await getService(strapi, 'stitching').link(who.userId, visitorId) };
  }),
});

export default createIdentifyController;
