import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { EventBatchError, parseEventBatch } from '../core/audience/events/parse-event-batch';
import type { TrackedEvent } from '../core/audience/events/types';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';
import {
  answeringUnauthorized,
  audienceCaller,
  CallerStatusError,
  CallerUnauthorizedError,
  type AudienceRequestContext,
} from './audience-caller';

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

/** EventBatchError (a bad event, or one about a missing entry) as a 400 naming index and field. */
const asValidationError = (error: unknown): unknown =>
  error instanceof EventBatchError
    ? new errors.ValidationError(error.message, { index: error.index, field: error.field })
    : error;

/** The HTTP status an error thrown by the handler is answered with (for the rejection metric). */
const STATUS_BY_NAME: Record<string, number> = {
  ValidationError: 400,
  UnauthorizedError: 401,
  ForbiddenError: 403,
  NotFoundError: 404,
  PayloadTooLargeError: 413,
  RateLimitError: 429,
};
const statusOf = (error: unknown): number =>
  error instanceof CallerStatusError
    ? error.status
    : error instanceof CallerUnauthorizedError
      ? 401
      : (STATUS_BY_NAME[(error as Error | null)?.name ?? ''] ?? 500);

const createEventsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const limits = getPluginConfig(strapi).audience.events;

  /** Counts refused batches by status, then lets the error through unchanged. */
  const countingRejections =
    (handler: (ctx: AudienceRequestContext) => Promise<void>) =>
    async (ctx: AudienceRequestContext): Promise<void> => {
      try {
        await handler(ctx);
      } catch (error) {
        getService(strapi, 'metrics').batchRejected(statusOf(error));
        throw error;
      }
    };

  return {
    /** `POST /events`: a batch for the caller; all or nothing, idempotent per client event id. */
    create: answeringUnauthorized(
      countingRejections(async (ctx) => {
        assertJsonBody(ctx);
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
        try {
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
        } catch (error) {
          throw asValidationError(error);
        }
      })
    ),
  };
};

export default createEventsController;
