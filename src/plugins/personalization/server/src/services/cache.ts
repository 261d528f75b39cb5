import type { Core } from '@strapi/strapi';
import Redis from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { CachedDecision } from '../core/delivery';
import { getPluginConfig } from '../utils/get-plugin-config';

export type { CachedDecision };

/**
 * The decision cache: an in-process LRU, backed by Redis when REDIS_URL is set so instances share
 * decisions. It also owns the shared Redis connection (and opens others, e.g. the change
 * channel's subscriber). Redis being down only means in-process caching: every Redis failure is
 * logged and swallowed.
 */
const createCacheService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = getPluginConfig(strapi).cache;
  const KEY_PREFIX = `${config.redisKeyPrefix}decision:`;
  const lru = new LRUCache<string, CachedDecision>({ max: config.maxEntries, ttl: config.ttlMs });
  const stats = { hits: 0, misses: 0, redisHits: 0, redisErrors: 0 };
  let redis: Redis | null = null;
  let lastRedisWarning = 0;

  const redisFailed = (error: unknown) => {
    stats.redisErrors += 1;
    // An outage produces an error per request: log it at most every 30 seconds.
    if (Date.now() - lastRedisWarning > 30_000) {
      lastRedisWarning = Date.now();
      strapi.log.warn(
        `[personalization] Redis unavailable, caching in process only: ${(error as Error).message}`
      );
    }
  };

  const connect = (url: string): Redis => {
    const client = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      retryStrategy: (attempt) => Math.min(attempt * 500, 5000),
    });
    client.on('error', redisFailed);
    return client;
  };

  const ready = (client: Redis | null): client is Redis =>
    client !== null && client.status === 'ready';

  return {
    async start(): Promise<void> {
      if (!config.enabled || !config.redisUrl) return;
      redis = connect(config.redisUrl);
      // Connect in the background: boot never waits on (or fails because of) Redis.
      redis.connect().catch(redisFailed);
    },

    async stop(): Promise<void> {
      redis?.disconnect();
      redis = null;
    },

    /**
     * A new, not yet connected client with the same settings and failure logging (a subscriber
     * needs a connection of its own); null when Redis is not configured.
     */
    newConnection: (): Redis | null =>
      config.enabled && config.redisUrl ? connect(config.redisUrl) : null,

    /** The shared Redis connection when it is usable now, else null (callers fall back to process). */
    redisClient: (): Redis | null => (config.enabled && ready(redis) ? redis : null),

    /** Logs (rate-limited) and counts a Redis failure of any user of the shared connection. */
    redisFailed,

    /** Drops the decisions cached in this process (the change channel calls it). */
    clearDecisions(): void {
      lru.clear();
    },

    async getMany(keys: string[]): Promise<Array<CachedDecision | undefined>> {
      if (!config.enabled) return keys.map(() => undefined);
      const found = keys.map((key) => lru.get(key));
      const missing = found.flatMap((decision, index) => (decision ? [] : [index]));
      stats.hits += keys.length - missing.length;
      if (missing.length > 0 && ready(redis)) {
        try {
          const values = await redis.mget(missing.map((index) => `${KEY_PREFIX}${keys[index]}`));
          values.forEach((value, position) => {
            if (!value) return;
            const decision = JSON.parse(value) as CachedDecision;
            found[missing[position]] = decision;
            lru.set(keys[missing[position]], decision);
            stats.redisHits += 1;
          });
        } catch (error) {
          redisFailed(error);
        }
      }
      stats.misses += found.filter((decision) => !decision).length;
      return found;
    },

    setMany(entries: Array<[string, CachedDecision]>): void {
      if (!config.enabled || entries.length === 0) return;
      for (const [key, decision] of entries) lru.set(key, decision);
      if (ready(redis)) {
        const pipeline = redis.pipeline();
        for (const [key, decision] of entries) {
          pipeline.set(`${KEY_PREFIX}${key}`, JSON.stringify(decision), 'PX', config.ttlMs);
        }
        pipeline.exec().catch(redisFailed);
      }
    },

    stats: () => ({ ...stats, size: lru.size, redis: redis?.status ?? 'off' }),
  };
};

export type CacheService = ReturnType<typeof createCacheService>;
export default createCacheService;
