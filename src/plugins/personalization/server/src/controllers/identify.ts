import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { VisitorClaimedError } from '../services/audience/stitching';
import { getService } from '../utils/get-service';
import { identifySchema } from '../validation/audience-input';
import { parseBody } from '../validation/common';
import {
  answeringUnauthorized,
  audienceCaller,
  CallerStatusError,
  CallerUnauthorizedError,
} from './audience-caller';

const createIdentifyController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * `POST /identify`: on login, links the visitor id of the X-Visitor-Id header (possession) to the
   * JWT user and merges histories. A visitor id linked to another user is a 409.
   */
  create: answeringUnauthorized(async (ctx) => {
    parseBody(identifySchema, ctx.request.body ?? {});
    const who = await audienceCaller(strapi, ctx);
    if (!who.userId) {
      throw new CallerUnauthorizedError(
        'identify needs Authorization with a users-permissions JWT'
      );
    }
    const visitorId = who.caller.visitorId;
    if (!visitorId) {
      throw new errors.ValidationError('X-Visitor-Id: send the visitor id to link in this header');
    }
    try {
      ctx.body = { data: await getService(strapi, 'stitching').link(who.userId, visitorId) };
    } catch (error) {
      if (error instanceof VisitorClaimedError) {
        throw new CallerStatusError(409, 'ConflictError', error.message);
      }
      throw error;
    }
  }),
});

export default createIdentifyController;
