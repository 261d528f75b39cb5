import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';
import {
  answeringRefusals,
  CallerStatusError,
  CallerUnauthorizedError,
  type RefusalContext,
} from '../utils/http-errors';

interface MetricsContext extends RefusalContext {
  get(header: string): string;
  type: string;
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
    /**
     * `GET /metrics`: Prometheus text format; 404 while metrics are off. Thrown, Strapi would
     * answer a public route's 401 and 403 without their messages: answeringRefusals writes them.
     */
    scrape: answeringRefusals(
      async (ctx: MetricsContext) => {
        if (!config.enabled) throw new errors.NotFoundError('Not Found');
        await authorize(ctx);
        const metrics = getService(strapi, 'metrics');
        ctx.type = metrics.contentType();
        ctx.body = await metrics.render();
      },
      { challenge: 'Bearer' }
    ),
  };
};

export default createMetricsController;
