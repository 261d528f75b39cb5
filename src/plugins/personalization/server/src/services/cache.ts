import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import Redis from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { CachedDecision } from '../core/delivery';
import { getPluginConfig } from '../utils/get-plugin-config';

export type { CachedDecision };
export type ChangeKind = 'templates' | 'rules' | 'flags' | 'content' | 'segments' | 'experiments';

/**
 * The decision cache: an in-process LRU, backed by Redis when REDIS_URL is set so instances share
 * decisions and hear about each other's rule, template and flag changes (pub/sub). Redis being
 * down only means in-process caching: every Redis failure is logged and swallowed.
 */
const createCacheService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = getPluginConfig(strapi).cache;
  const CHANNEL = `${config.redisKeyPrefix}changes`;
  const KEY_PREFIX = `${config.redisKeyPrefix}decision:`;
  const instanceId = randomUUID();
  const lru = new LRUCache<string, CachedDecision>({ max: config.maxEntries, ttl: config.ttlMs });
  const stats = { hits: 0, misses: 0, redisHits: 0, redisErrors: 0 };
  const listeners: Array<(kind: ChangeKind, uid?: string) => Promise<void>> = [];
  const reconnectListeners: Array<() => void> = [];
  let redis: Redis | null = null;
  let subscriber: Redis | null = null;
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
      subscriber = connect(config.redisUrl);
      subscriber.on('message', (_channel: string, message: string) => {
        let notice: { kind?: ChangeKind; uid?: string; from?: string };
        try {
          notice = JSON.parse(message) as typeof notice;
        } catch {
          return;
        }
        if (notice.from === instanceId || !notice.kind) return;
        // Content edits change entry versions, which are part of decision keys: no need to drop those.
        if (notice.kind !== 'content') lru.clear();
        for (const listener of listeners) {
          listener(notice.kind, notice.uid).catch((error: unknown) =>
            strapi.log.error(
              `[personalization] could not apply a ${notice.kind} change: ${(error as Error).message}`
            )
          );
        }
      });
      // After a reconnect, notices sent meanwhile are lost: whoever keeps state from them re-reads it.
      let subscribedOnce = false;
      subscriber.on('ready', () => {
        if (subscribedOnce) reconnectListeners.forEach((listener) => listener());
        subscribedOnce = true;
      });
      // Connect in the background: boot never waits on (or fails because of) Redis.
      redis.connect().catch(redisFailed);
      subscriber
        .connect()
        .then(() => subscriber?.subscribe(CHANNEL))
        .catch(redisFailed);
      // ioredis re-subscribes by itself after a reconnect.
    },

    async stop(): Promise<void> {
      for (const client of [redis, subscriber]) {
        client?.disconnect();
      }
      redis = null;
      subscriber = null;
    },

    /** Called with the kind of change another instance announced; used to refresh snapshots. */
    onRemoteChange(listener: (kind: ChangeKind, uid?: string) => Promise<void>): void {
      listeners.push(listener);
    },

    /** Called when the subscriber connection comes back after an outage. */
    onReconnect(listener: () => void): void {
      reconnectListeners.push(listener);
    },

    /** The shared Redis connection when it is usable now, else null (callers fall back to process). */
    redisClient: (): Redis | null => (config.enabled && ready(redis) ? redis : null),

    /** Logs (rate-limited) and counts a Redis failure of any user of the shared connection. */
    redisFailed,

    /** A local change: drop cached decisions (unless only content changed) and tell the other instances. */
    changed(kind: ChangeKind, uid?: string): void {
      if (kind !== 'content') lru.clear();
      if (ready(redis)) {
        redis.publish(CHANNEL, JSON.stringify({ kind, uid, from: instanceId })).catch(redisFailed);
      }
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
