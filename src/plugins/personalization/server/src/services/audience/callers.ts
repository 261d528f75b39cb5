import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { deviceFromUserAgent } from '../../core/context/device';
import { resolveCaller } from '../../core/delivery';
import type { CallerInput } from '../../core/templates';
import { getService } from '../../utils/get-service';
import { CallerUnauthorizedError, withHttpErrors } from '../../utils/http-errors';
import type { StoredCaller } from './identity';

/** The part of a Koa request the caller is read from. */
export interface CallerRequest {
  headers: Record<string, string | string[] | undefined>;
  get(name: string): string;
}

/** Who an audience request is about, as the audience endpoints use it. */
export interface RequestCaller extends StoredCaller {
  caller: CallerInput;
  userId: string | null;
  device: string | null;
}

/** The part of users-permissions' jwt service used here (a type: services are index-typed). */
type JwtService = {
  getToken(ctx: unknown): Promise<{ id?: string | number; userId?: string | number } | null> | null;
};

type JwtPayload = Awaited<ReturnType<JwtService['getToken']>>;

/**
 * Resolves the caller of an audience request (DESIGN §3 caller headers): the users-permissions JWT
 * user, else X-Visitor-Id. The audience routes are public (visitors must reach them), so the token
 * is verified here: a bad one is a 401 (CallerUnauthorizedError).
 */
const createAudienceCallersService = ({ strapi }: { strapi: Core.Strapi }) => {
  const jwtPayload = async (request: CallerRequest): Promise<JwtPayload> => {
    const jwt = strapi.plugin('users-permissions').service<JwtService>('jwt');
    try {
      return await jwt.getToken(request);
    } catch {
      return null;
    }
  };

  /** The user of a users-permissions JWT, if the request carries one. */
  const authenticatedUserId = async (request: CallerRequest): Promise<string | null> => {
    if (!request.headers.authorization) return null;
    const payload = await jwtPayload(request);
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

  return {
    authenticatedUserId,

    /** Malformed headers are a 400 naming the header; no caller at all is a 400 too. */
    async resolve(request: CallerRequest): Promise<RequestCaller> {
      const userId = await authenticatedUserId(request);
      const { caller } = withHttpErrors(() =>
        resolveCaller({
          headers: request.headers,
          user: userId ? { id: userId, attributes: {} } : null,
        })
      );
      const stored = await getService(strapi, 'audienceIdentity').resolve(caller);
      if (!stored) {
        throw new errors.ValidationError(
          'no caller: send an X-Visitor-Id header or Authorization with a users-permissions JWT'
        );
      }
      const userAgent = request.get('user-agent');
      return {
        ...stored,
        caller,
        userId,
        device: userAgent ? deviceFromUserAgent(userAgent) : null,
      };
    },
  };
};

export type AudienceCallersService = ReturnType<typeof createAudienceCallersService>;
export default createAudienceCallersService;
