import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { deviceFromUserAgent } from '../core/context/device';
import { CallerHeaderError, resolveCaller } from '../core/delivery';
import type { CallerInput } from '../core/templates';
import type { StoredCaller } from '../services/audience/identity';
import type { AuditAction, AuditEntry } from '../services/privacy/audit';
import { getService } from '../utils/get-service';
import { auditEntry } from './audit-actor';
import type { RequestContext } from './request-context';

/** The part of Koa's context the audience endpoints read besides the common one. */
export interface AudienceRequestContext extends RequestContext {
  headers: Record<string, string | string[] | undefined>;
  request: RequestContext['request'] & { length?: number };
  get(name: string): string;
  set(name: string, value: string): void;
  /** Koa's content-type match: the type matched, false, or null without a body. */
  is(...types: string[]): string | false | null;
  unauthorized(message: string): void;
}

/** A caller who sent credentials that do not hold, or none where they are needed. */
export class CallerUnauthorizedError extends Error {}

/**
 * A refusal whose status @strapi/utils has no error class for (409 Conflict, 415 Unsupported Media
 * Type), or whose message Strapi would drop (403 from a public route): answered in Strapi's error
 * shape by `answeringUnauthorized`.
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
 * Answers CallerUnauthorizedError with a 401 that keeps its message. Strapi's route authorization
 * step turns an UnauthorizedError thrown by a controller into a bare "Unauthorized", so the
 * handler's 401 is written with Strapi's `ctx.unauthorized` instead of thrown. CallerStatusError
 * is written the same way, with its own status.
 */
export const answeringUnauthorized =
  (handler: (ctx: AudienceRequestContext) => Promise<void>) =>
  async (ctx: AudienceRequestContext): Promise<void> => {
    try {
      await handler(ctx);
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
      ctx.unauthorized(error.message);
    }
  };

export interface AudienceCaller extends StoredCaller {
  caller: CallerInput;
  userId: string | null;
  device: string | null;
}

interface JwtService {
  getToken(ctx: unknown): Promise<{ id?: string | number; userId?: string | number } | null> | null;
}

/**
 * The user of a users-permissions JWT, if the request carries one. The audience routes are
 * public (visitors must reach them), so they check the token themselves: a bad one is a 401.
 */
const authenticatedUserId = async (
  strapi: Core.Strapi,
  ctx: AudienceRequestContext
): Promise<string | null> => {
  if (!ctx.headers.authorization) return null;
  const jwt = strapi.plugin('users-permissions').service('jwt') as unknown as JwtService;
  let payload: Awaited<ReturnType<JwtService['getToken']>> = null;
  try {
    payload = await jwt.getToken(ctx);
  } catch {
    payload = null;
  }
  const id = payload?.id ?? payload?.userId;
  if (id === undefined) {
    throw new CallerUnauthorizedError('Authorization must be "Bearer <users-permissions JWT>"');
  }
  const user = (await strapi.db
    .query('plugin::users-permissions.user')
    .findOne({ where: { id }, select: ['id', 'blocked'] })) as {
    id: number;
    blocked?: boolean;
  } | null;
  if (!user || user.blocked)
    throw new CallerUnauthorizedError('the JWT user does not exist or is blocked');
  return String(user.id);
};

/**
 * Who an audience request is about (DESIGN §3 caller headers): the JWT user, else X-Visitor-Id.
 * Malformed headers are a 400 naming the header; no caller at all is a 400 too.
 */
export const audienceCaller = async (
  strapi: Core.Strapi,
  ctx: AudienceRequestContext
): Promise<AudienceCaller> => {
  const userId = await authenticatedUserId(strapi, ctx);
  let caller: CallerInput;
  try {
    caller = resolveCaller({
      headers: ctx.headers,
      user: userId ? { id: userId, attributes: {} } : null,
    }).caller;
  } catch (error) {
    if (error instanceof CallerHeaderError) throw new errors.ValidationError(error.message);
    throw error;
  }
  const stored = await getService(strapi, 'audienceIdentity').resolve(caller);
  if (!stored) {
    throw new errors.ValidationError(
      'no caller: send an X-Visitor-Id header or Authorization with a users-permissions JWT'
    );
  }
  const userAgent = ctx.get('user-agent');
  return {
    ...stored,
    caller,
    userId,
    device: userAgent ? deviceFromUserAgent(userAgent) : null,
  };
};

/** An audit entry for a caller acting on their own data: the actor is their pseudonym. */
export const callerAudit = (
  ctx: AudienceRequestContext,
  key: string,
  action: AuditAction
): AuditEntry => auditEntry(ctx, { type: 'caller', id: key }, action, key);
