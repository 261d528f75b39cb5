import type { Core } from '@strapi/strapi';
import Redis from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { getPluginConfig } from '../../utils/get-plugin-config';

/**
 * Per-caller request budget of the events endpoint (rate-limiter-flexible, fixed window). With
 * Redis configured the count is shared by every instance (RateLimiterRedis), so a caller gets the
 * budget once behind a load balancer. While Redis is unreachable each instance counts on its own
 * (the in-memory insurance limiter): up to N times the budget with N instances, never no limit.
 */
const createEventsRateLimitService = ({ strapi }: { strapi: Core.Strapi }) => {
  const { audience, cache } = getPluginConfig(strapi);
  const { requests, windowSeconds } = audience.events.rateLimit;
  const memory = new RateLimiterMemory({ points: requests, duration: windowSeconds });
  let redis: Redis | null = null;
  let limiter: RateLimiterAbstract = memory;
  let lastWarning = 0;

  const warn = (error: unknown) => {
    if (Date.now() - lastWarning < 30_000) return;
    lastWarning = Date.now();
    strapi.log.warn(
      `[personalization] Redis unavailable, event rate limits count per instance: ${(error as Error).message}`
    );
  };

  return {
    /** Connects to Redis in the background when configured; boot never waits for it. */
    start(): void {
      if (!cache.redisUrl || redis) return;
      redis = new Redis(cache.redisUrl, {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: 2000,
        retryStrategy: (attempt) => Math.min(attempt * 500, 5000),
      });
      redis.on('error', warn);
      redis.connect().catch(warn);
      limiter = new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${cache.redisKeyPrefix}events-rate`,
        points: requests,
        duration: windowSeconds,
        // Not connected: count in memory at once instead of waiting for a timeout.
        rejectIfRedisNotReady: true,
        insuranceLimiter: memory,
      });
    },

    stop(): void {
      redis?.disconnect();
      redis = null;
      limiter = memory;
    },

    /** Null when the request may go on; else the seconds to wait before trying again. */
    async consume(key: string): Promise<number | null> {
      try {
        await limiter.consume(key);
        return null;
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes)
          return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        throw rejection;
      }
    },

    /** Where the count is kept right now (for the health report and tests). */
    store(): 'redis' | 'memory' {
      return redis?.status === 'ready' ? 'redis' : 'memory';
    },
  };
};

export type EventsRateLimitService = ReturnType<typeof createEventsRateLimitService>;
export default createEventsRateLimitService;
