import { randomUUID } from 'node:crypto';
import type { Core, Modules } from '@strapi/strapi';
import type { Snapshot } from '../core/changes/change-registry';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';

const WRITE_ACTIONS = new Set([
  'create',
  'update',
  'delete',
  'publish',
  'unpublish',
  'discardDraft',
]);

/**
 * The types whose every write goes through the document service (and so through this
 * middleware). Media, users and admin users are written with the query engine: not tracked.
 */
export const isTrackedType = (uid: string): boolean => uid.startsWith('api::');

/**
 * A revision per content type that moves on every write (entries, variants, tags, publish,
 * unpublish, delete, discardDraft), here or, through Redis, on another instance. Caches of
 * content key their entries with it, so a write makes every older entry unreachable.
 *
 * Two views of it: a counter in this process (moves synchronously, keys in-process caches) and,
 * with Redis, a random token stored in Redis that every instance reads (keys shared caches; a
 * fresh token per write never names an older state, whatever happened to Redis meanwhile).
 */
const createContentRevisionsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const { redisKeyPrefix } = getPluginConfig(strapi).cache;
  const revisions = new Map<string, number>();
  /** Shared tokens as last read from Redis; absent means "read it again before use". */
  const tokens = new Map<string, string>();
  const bumpLocally = (uid: string) => {
    revisions.set(uid, (revisions.get(uid) ?? 0) + 1);
    tokens.delete(uid);
  };
  const tokenKey = (uid: string) => `${redisKeyPrefix}revision:${uid}`;

  /** A new shared token for the type, written before the write's caller gets its answer. */
  const renewToken = async (uid: string): Promise<void> => {
    const redis = getService(strapi, 'cache').redisClient();
    if (!redis) return;
    const token = randomUUID();
    try {
      await redis.set(tokenKey(uid), token);
      tokens.set(uid, token);
    } catch (error) {
      getService(strapi, 'cache').redisFailed(error);
    }
  };

  /** Moves the revision now: the rows it covers are committed. */
  const bumpCommitted = async (uid: string): Promise<void> => {
    bumpLocally(uid);
    await renewToken(uid);
    await getService(strapi, 'changeChannel').changed('content', uid);
  };

  const middleware: Modules.Documents.Middleware.Middleware = async (context, next) => {
    const result = await next();
    if (WRITE_ACTIONS.has(context.action) && isTrackedType(context.uid)) {
      await service.bump(context.uid);
    }
    return result;
  };

  const service = {
    register(): void {
      strapi.documents.use(middleware);
    },

    get: (uid: string): number => revisions.get(uid) ?? 0,

    /**
     * The shared token of the type, or null when Redis is not usable (shared caches are then
     * skipped). A missing token is created, so instances agree on the first one.
     */
    async sharedToken(uid: string): Promise<string | null> {
      const known = tokens.get(uid);
      if (known) return known;
      const redis = getService(strapi, 'cache').redisClient();
      if (!redis) return null;
      const revision = revisions.get(uid) ?? 0;
      try {
        await redis.set(tokenKey(uid), randomUUID(), 'NX');
        const token = await redis.get(tokenKey(uid));
        // A write while we asked: what we read may be older than it; ask again next time.
        if (token && (revisions.get(uid) ?? 0) === revision) tokens.set(uid, token);
        return token && (revisions.get(uid) ?? 0) === revision ? token : null;
      } catch (error) {
        getService(strapi, 'cache').redisFailed(error);
        return null;
      }
    },

    /**
     * A local write: move the revision, renew the shared token and tell the other instances. Inside
     * a transaction the rows are not visible to readers yet (a revision moved now could be cached
     * with the old rows): it moves once they are committed, and the caller does not wait for it.
     */
    async bump(uid: string): Promise<void> {
      if (!strapi.db.inTransaction()) return bumpCommitted(uid);
      await strapi.db.transaction(({ onCommit }) => {
        onCommit(() => {
          bumpCommitted(uid).catch(() => undefined);
        });
      });
    },

    /**
     * Writes on other instances move the revision here too (the shared token is read again on
     * next use); after missed notices every shared token is read again. The local writer moved
     * its own revision already: nothing to reload for its own change.
     */
    snapshot: {
      kind: 'content',
      remoteOnly: true,
      reload: (uid?: string) => {
        if (uid) bumpLocally(uid);
      },
      resync: () => {
        tokens.clear();
      },
    } satisfies Snapshot,
  };
  return service;
};

export type ContentRevisionsService = ReturnType<typeof createContentRevisionsService>;
export default createContentRevisionsService;
