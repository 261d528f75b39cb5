import { errors } from '@strapi/utils';
import { ConditionError } from '../core/audience/conditions/condition-error';
import { EventBatchError } from '../core/audience/events/parse-event-batch';
import { CallerHeaderError } from '../core/delivery/caller-headers';
import { VisitorClaimedError } from '../services/audience/stitching';

/** A caller who sent credentials that do not hold, or none where they are needed. */
export class CallerUnauthorizedError extends Error {}

/**
 * A refusal whose status @strapi/utils has no error class for (409 Conflict, 415 Unsupported Media
 * Type), or whose message Strapi would drop (403 from a public route): answered in Strapi's error
 * shape by `answeringRefusals`.
 */
export class CallerStatusError extends Error {
  constructor(
    readonly status: 403 | 409 | 415,
    readonly errorName: 'ForbiddenError' | 'ConflictError' | 'UnsupportedMediaTypeError',
    message: string
  ) {
    super(message);
  }
}

/**
 * The HTTP error a core or service error is answered with; any other error is returned unchanged.
 * Core code stays free of Strapi: its errors are translated here, at the edge.
 */
export const toHttpError = (error: unknown): unknown => {
  if (error instanceof CallerHeaderError || error instanceof ConditionError) {
    return new errors.ValidationError(error.message);
  }
  if (error instanceof EventBatchError) {
    return new errors.ValidationError(error.message, { index: error.index, field: error.field });
  }
  if (error instanceof VisitorClaimedError) {
    return new CallerStatusError(409, 'ConflictError', error.message);
  }
  return error;
};

/** Runs `work`, throwing what it throws as its HTTP error (see toHttpError). */
export const withHttpErrors = <T>(work: () => T): T => {
  try {
    return work();
  } catch (error) {
    throw toHttpError(error);
  }
};

/** Awaits `work`, throwing what it throws as its HTTP error (see toHttpError). */
export const withHttpErrorsAsync = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    throw toHttpError(error);
  }
};

/**
 * The error of @strapi/utils a refusal is thrown as where no Koa context can write it (GraphQL
 * resolvers): 401 and 403 keep their class; other errors as toHttpError maps them.
 */
export const toStrapiError = (error: unknown): unknown => {
  if (error instanceof CallerUnauthorizedError) return new errors.UnauthorizedError(error.message);
  if (error instanceof CallerStatusError && error.status === 403) {
    return new errors.ForbiddenError(error.message);
  }
  return toHttpError(error);
};

/** Status of the errors of @strapi/utils the plugin throws, by name (Strapi answers with these). */
const STATUS_BY_NAME: Record<string, number> = {
  ValidationError: 400,
  UnauthorizedError: 401,
  ForbiddenError: 403,
  PolicyError: 403,
  NotFoundError: 404,
  PayloadTooLargeError: 413,
  RateLimitError: 429,
};

/** The HTTP status an error thrown by a handler is answered with (500 for the unknown). */
export const httpStatusOf = (error: unknown): number =>
  error instanceof CallerStatusError
    ? error.status
    : error instanceof CallerUnauthorizedError
      ? 401
      : (STATUS_BY_NAME[(error as Error | null)?.name ?? ''] ?? 500);

/** The part of Koa's context a refusal is written to. */
export interface RefusalContext {
  status: number;
  body: unknown;
  set(name: string, value: string): void;
  unauthorized(message: string): void;
}

export interface RefusalOptions {
  /** Sent as WWW-Authenticate with a 401 (e.g. "Bearer"). */
  challenge?: string;
}

/**
 * Answers CallerUnauthorizedError with a 401 that keeps its message. Strapi's route authorization
 * step turns an UnauthorizedError thrown by a controller into a bare "Unauthorized", so the
 * handler's 401 is written with Strapi's `ctx.unauthorized` instead of thrown. CallerStatusError
 * is written the same way, with its own status. Other errors go through toHttpError first.
 */
export const answeringRefusals =
  <Context extends RefusalContext>(
    handler: (ctx: Context) => Promise<void>,
    options: RefusalOptions = {}
  ) =>
  async (ctx: Context): Promise<void> => {
    try {
      await withHttpErrorsAsync(() => handler(ctx));
    } catch (error) {
      if (error instanceof CallerStatusError) {
        ctx.status = error.status;
        ctx.body = {
          data: null,
          error: { status: error.status, name: error.errorName, message: error.message },
        };
        return;
      }
      if (!(error instanceof CallerUnauthorizedError)) throw error;
      if (options.challenge) ctx.set('WWW-Authenticate', options.challenge);
      ctx.unauthorized(error.message);
    }
  };
