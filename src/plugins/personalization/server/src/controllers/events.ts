import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { EventBatchError, parseEventBatch } from '../core/audience/events/parse-event-batch';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';
import {
  answeringUnauthorized,
  audienceCaller,
  type AudienceRequestContext,
} from './audience-caller';

/** Koa's body parser answers 413 itself above its own limit; this is the plugin's tighter one. */
const bodyBytes = (ctx: AudienceRequestContext): number =>
  ctx.request.length ?? Buffer.byteLength(JSON.stringify(ctx.request.body ?? null), 'utf8');

const createEventsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const limits = getPluginConfig(strapi).audience.events;

  return {
    /** `POST /events`: a batch for the caller; all or nothing, idempotent per client event id. */
    create: answeringUnauthorized(async (ctx) => {
      if (bodyBytes(ctx) > limits.maxBodyBytes) {
        throw new errors.PayloadTooLargeError(
          `the body must be at most ${limits.maxBodyBytes} bytes`
        );
      }
      const who = await audienceCaller(strapi, ctx);
      const retryAfter = await getService(strapi, 'eventsRateLimit').consume(who.key);
      if (retryAfter !== null) {
        ctx.set('Retry-After', String(retryAfter));
        throw new errors.RateLimitError(
          `too many event batches from this caller: try again in ${retryAfter} s`
        );
      }
      let events;
      try {
        events = parseEventBatch(ctx.request.body, {
          now: Date.now(),
          maxBatch: limits.maxBatch,
          maxAgeMs: limits.maxAgeHours * 3_600_000,
          maxFutureMs: limits.maxFutureSeconds * 1000,
          contentTypes: new Set(
            getService(strapi, 'optIns')
              .list()
              .map((optIn) => optIn.uid)
          ),
        });
      } catch (error) {
        if (error instanceof EventBatchError) {
          throw new errors.ValidationError(error.message, {
            index: error.index,
            field: error.field,
          });
        }
        throw error;
      }
      const result = await getService(strapi, 'audienceEvents').ingest({
        key: who.key,
        subject: who.subject,
        events,
        device: who.device,
      });
      ctx.status = 202;
      ctx.body = { data: result };
    }),
  };
};

export default createEventsController;
