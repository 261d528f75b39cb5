import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';
import { CallerStatusError, CallerUnauthorizedError } from './audience-caller';

interface MetricsContext {
  get(header: string): string;
  set(header: string, value: string): void;
  body: unknown;
  type: string;
  status: number;
  unauthorized(message: string): void;
}

interface StoredToken {
  kind?: string;
  type?: string;
  expiresAt?: string | Date | null;
}

/** API token types allowed to scrape: a read-only token is enough. */
const SCRAPING_TOKEN_TYPES = new Set(['read-only', 'full-access']);

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

const createMetricsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = getPluginConfig(strapi).metrics;

  /** The stored API token with this access key (Strapi stores an HMAC of it, salted). */
  const apiToken = async (accessKey: string): Promise<StoredToken | null> => {
    const salt = strapi.config.get('admin.apiToken.salt') as string;
    return (await strapi.db.query('admin::api-token').findOne({
      select: ['kind', 'type', 'expiresAt'],
      where: { accessKey: createHmac('sha512', salt).update(accessKey).digest('hex') },
    })) as StoredToken | null;
  };

  /** 401 without a valid bearer (secret or API token), 403 for a token that may not scrape. */
  const authorize = async (ctx: MetricsContext): Promise<void> => {
    const [scheme, bearer] = (ctx.get('authorization') || '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !bearer) {
      throw new CallerUnauthorizedError('send the metrics secret or an API token as a bearer');
    }
    if (config.bearerSecret && sameSecret(bearer, config.bearerSecret)) return;
    const token = await apiToken(bearer);
    const expired = token?.expiresAt ? new Date(token.expiresAt).getTime() < Date.now() : false;
    if (!token || expired) {
      throw new CallerUnauthorizedError(
        'the bearer is neither the metrics secret nor an API token'
      );
    }
    if (
      (token.kind ?? 'content-api') !== 'content-api' ||
      !SCRAPING_TOKEN_TYPES.has(token.type ?? '')
    ) {
      throw new CallerStatusError(
        403,
        'ForbiddenError',
        'only read-only and full-access API tokens may read metrics'
      );
    }
  };

  return {
    /** `GET /metrics`: Prometheus text format; 404 while metrics are off. */
    async scrape(ctx: MetricsContext) {
      if (!config.enabled) throw new errors.NotFoundError('Not Found');
      try {
        await authorize(ctx);
      } catch (error) {
        // Thrown, Strapi would answer a public route's 401 and 403 without their messages.
        if (error instanceof CallerUnauthorizedError) {
          ctx.set('WWW-Authenticate', 'Bearer');
          ctx.unauthorized(error.message);
          return;
        }
        if (!(error instanceof CallerStatusError)) throw error;
        ctx.status = error.status;
        ctx.body = {
          data: null,
          error: { status: error.status, name: error.errorName, message: error.message },
        };
        return;
      }
      const metrics = getService(strapi, 'metrics');
      ctx.type = metrics.contentType();
      ctx.body = await metrics.render();
    },
  };
};

export default createMetricsController;
