import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { parseEventBatch } from '../core/audience/events/parse-event-batch';
import type { TrackedEvent } from '../core/audience/events/types';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';
import {
  answeringRefusals,
  CallerStatusError,
  httpStatusOf,
  toHttpError,
} from '../utils/http-errors';
import type { AudienceRequestContext } from './audience-caller';

/** Koa's body parser answers 413 itself above its own limit; this is the plugin's tighter one. */
const bodyBytes = (ctx: AudienceRequestContext): number =>
  ctx.request.length ?? Buffer.byteLength(JSON.stringify(ctx.request.body ?? null), 'utf8');

/**
 * Only uncompressed JSON: Strapi's body parser inflates gzip and deflate before the plugin sees the
 * body, and Content-Length then counts the compressed bytes, so a compressed batch could carry far
 * more than the size limit. Form and text bodies are not event batches.
 */
const assertJsonBody = (ctx: AudienceRequestContext): void => {
  const encoding = (ctx.get('content-encoding') || 'identity').trim().toLowerCase();
  if (encoding !== 'identity') {
    throw new CallerStatusError(
      415,
      'UnsupportedMediaTypeError',
      `Content-Encoding "${encoding}" is not accepted: send the batch uncompressed`
    );
  }
  if (!ctx.is('application/json')) {
    throw new CallerStatusError(
      415,
      'UnsupportedMediaTypeError',
      'Content-Type must be application/json'
    );
  }
};

const createEventsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const limits = getPluginConfig(strapi).audience.events;

  /**
   * Counts refused batches by the status they are answered with, then throws the HTTP error (an
   * EventBatchError, a bad event or one about a missing entry, is a 400 naming index and field).
   */
  const countingRejections =
    (handler: (ctx: AudienceRequestContext) => Promise<void>) =>
    async (ctx: AudienceRequestContext): Promise<void> => {
      try {
        await handler(ctx);
      } catch (error) {
        const answered = toHttpError(error);
        getService(strapi, 'metrics').batchRejected(httpStatusOf(answered));
        throw answered;
      }
    };

  return {
    /** `POST /events`: a batch for the caller; all or nothing, idempotent per client event id. */
    create: answeringRefusals(
      countingRejections(async (ctx) => {
        assertJsonBody(ctx);
        if (bodyBytes(ctx) > limits.maxBodyBytes) {
          throw new errors.PayloadTooLargeError(
            `the body must be at most ${limits.maxBodyBytes} bytes`
          );
        }
        const who = await getService(strapi, 'audienceCallers').resolve(ctx);
        const retryAfter = await getService(strapi, 'eventsRateLimit').consume(who.key);
        if (retryAfter !== null) {
          ctx.set('Retry-After', String(retryAfter));
          throw new errors.RateLimitError(
            `too many event batches from this caller: try again in ${retryAfter} s`
          );
        }
        const events: TrackedEvent[] = parseEventBatch(ctx.request.body, {
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
        const result = await getService(strapi, 'audienceEvents').ingest({
          key: who.key,
          subject: who.subject,
          events,
          device: who.device,
        });
        const metrics = getService(strapi, 'metrics');
        metrics.eventsCounted('accepted', result.accepted);
        metrics.eventsCounted('duplicate', result.duplicates);
        metrics.eventsCounted('dropped', result.dropped);
        ctx.status = 202;
        ctx.body = { data: result };
      })
    ),
  };
};

export default createEventsController;
