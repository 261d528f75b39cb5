import type { Core } from '@strapi/strapi';
import { LRUCache } from 'lru-cache';
import { hashKey, reachedTypes, stableStringify, type AttributeInfo } from '../core/response-cache';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';
import { isTrackedType } from './content-revisions';

/** What a document-service read answered (entries, one entry, a count or null), as JSON-able data. */
type Answer = unknown;

/** Wraps a cached value so that a cached `null` (findOne of nothing) is told apart from a miss. */
interface Stored {
  value: Answer;
}

/** Answers kept in Redis, shared by the instances; a Redis failure is a miss (and is reported). */
const sharedAnswers = (strapi: Core.Strapi, ttlMs: number) => {
  const fromRedis = async (key: string | null): Promise<Stored | undefined> => {
    const redis = getService(strapi, 'cache').redisClient();
    if (!key || !redis) return undefined;
    try {
      const text = await redis.get(key);
      return text === null ? undefined : (JSON.parse(text) as Stored);
    } catch (error) {
      getService(strapi, 'cache').redisFailed(error);
      return undefined;
    }
  };

  const toRedis = (key: string | null, stored: Stored): void => {
    const redis = getService(strapi, 'cache').redisClient();
    if (!key || !redis) return;
    redis
      .set(key, JSON.stringify(stored), 'PX', ttlMs)
      .catch((error: unknown) => getService(strapi, 'cache').redisFailed(error));
  };

  return { fromRedis, toRedis };
};

/**
 * The response cache: what the document service answers for a read of an opted-in type (list,
 * findOne, count) BEFORE the per-caller decision, keyed by the action, the normalized query and the
 * revision of every type the query reads (populate, filters, sort). Per-caller decisions, variants
 * and merge fields are applied on top by delivery exactly as without it. In process (LRU), and in
 * Redis under the types' shared tokens when REDIS_URL is set. Queries reaching a type whose writes
 * skip the document service (media, users) are not cached.
 */
const createResponseCacheService = ({ strapi }: { strapi: Core.Strapi }) => {
  const { cache: config } = getPluginConfig(strapi);
  const enabled = config.enabled && config.responses.enabled;
  const lru = new LRUCache<string, Stored>({ max: config.responses.maxEntries, ttl: config.ttlMs });
  const stats = { hits: 0, redisHits: 0, misses: 0, bypassed: 0 };
  const revisions = () => getService(strapi, 'contentRevisions');

  // strapi.getModel, not strapi.contentTypes: that getter builds a new object on every call.
  const schemaOf = (uid: string): Record<string, AttributeInfo> | undefined =>
    strapi.getModel(uid as Parameters<typeof strapi.getModel>[0])?.attributes as
      | Record<string, AttributeInfo>
      | undefined;
  /** Reached types per normalized query: schemas only change with a restart. */
  const reachedMemo = new LRUCache<string, string[]>({ max: 1000 });
  const reachedBy = (uid: string, params: Record<string, unknown>, normalized: string) => {
    let types = reachedMemo.get(normalized);
    if (!types) {
      types = reachedTypes(uid, params, schemaOf);
      reachedMemo.set(normalized, types);
    }
    return types;
  };

  /** Shared key, or null when a type has no shared token now (Redis off or unreachable). */
  const sharedKey = async (types: string[], query: string): Promise<string | null> => {
    const tokens: string[] = [];
    for (const uid of types) {
      const token = await revisions().sharedToken(uid);
      if (!token) return null;
      tokens.push(`${uid}@${token}`);
    }
    return `${config.redisKeyPrefix}response:${hashKey([query, tokens])}`;
  };

  const { fromRedis, toRedis } = sharedAnswers(strapi, config.ttlMs);

  return {
    /**
     * The answer of `load` for this read, from the cache when an entry under the current
     * revisions exists. Keys are taken before loading: a write that lands meanwhile moves the
     * revision, so what was loaded is stored under the older key and never served after it.
     */
    async read<T extends Answer>(
      uid: string,
      action: string,
      params: Record<string, unknown>,
      load: () => Promise<T>
    ): Promise<T> {
      // Reads inside a transaction may see rows no one else sees yet.
      if (!enabled || strapi.db.inTransaction()) return load();
      const query = stableStringify({ uid, action, params });
      const types = reachedBy(uid, params, query);
      if (!types.every(isTrackedType)) {
        stats.bypassed += 1;
        return load();
      }
      const localKey = `${query}|${types.map((type) => `${type}@${revisions().get(type)}`).join(',')}`;
      const local = lru.get(localKey);
      if (local) {
        stats.hits += 1;
        // Stored under this very query: it is what `load` answered then.
        return structuredClone(local.value) as T;
      }
      const shared = await sharedKey(types, query);
      const remote = await fromRedis(shared);
      if (remote) {
        stats.redisHits += 1;
        lru.set(localKey, remote);
        return structuredClone(remote.value) as T;
      }
      stats.misses += 1;
      const value = await load();
      const stored = { value: structuredClone(value) };
      lru.set(localKey, stored);
      toRedis(shared, stored);
      return value;
    },

    /** The types a read reaches, or null when one of them is written outside the document service. */
    trackedTypesOf(uid: string, params: Record<string, unknown>): string[] | null {
      const types = reachedBy(uid, params, stableStringify({ uid, params }));
      return types.every(isTrackedType) ? types : null;
    },

    stats: () => ({ ...stats, size: lru.size, enabled }),
  };
};

export type ResponseCacheService = ReturnType<typeof createResponseCacheService>;
export default createResponseCacheService;
