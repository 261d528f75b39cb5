import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type Redis from 'ioredis';
import {
  createChangeRegistry,
  type ChangeKind,
  type Snapshot,
} from '../core/changes/change-registry';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';

export type { ChangeKind, Snapshot };

/**
 * The change channel: every snapshot kept in memory (templates, rules, flags, segments,
 * experiments, and the audience cache) registers here once; writers call `changed(kind)` after
 * their write committed, which reloads here, drops cached decisions and, with Redis, tells the
 * other instances, whose notices run the same reloads (all of them after a reconnect).
 */
const createChangeChannelService = ({ strapi }: { strapi: Core.Strapi }) => {
  const CHANNEL = `${getPluginConfig(strapi).cache.redisKeyPrefix}changes`;
  const cache = () => getService(strapi, 'cache');
  let subscriber: Redis | null = null;

  const reloadFailed = (kind: ChangeKind, error: unknown) =>
    strapi.log.error(
      `[personalization] could not apply a ${kind} change: ${(error as Error).message}`
    );

  const registry = createChangeRegistry({
    instanceId: randomUUID(),
    clearDecisions: () => cache().clearDecisions(),
    publish: (notice) => {
      cache()
        .redisClient()
        ?.publish(CHANNEL, JSON.stringify(notice))
        .catch((error: unknown) => cache().redisFailed(error));
    },
    reloadFailed,
  });

  return {
    register: registry.register,

    /** Boot: loads every registered snapshot once (a failure stops the boot). */
    loadAll: registry.loadAll,

    /**
     * A local write of `kind` committed: reload, drop cached decisions, tell the other instances.
     * Called inside a transaction, it waits for the commit (a reload before it would read the old
     * rows, and another instance told now could, too); the caller then does not wait for it.
     */
    async changed(kind: ChangeKind, uid?: string): Promise<void> {
      if (!strapi.db.inTransaction()) return registry.changed(kind, uid);
      await strapi.db.transaction(({ onCommit }) => {
        onCommit(() => {
          registry.changed(kind, uid).catch((error: unknown) => reloadFailed(kind, error));
        });
      });
    },

    /** Subscribes to the other instances' notices (once, at boot; in the background). */
    start(): void {
      subscriber = cache().newConnection();
      if (!subscriber) return;
      subscriber.on('message', (_channel: string, message: string) => {
        void registry.received(message);
      });
      // After a reconnect, notices sent meanwhile are lost: every snapshot is read again.
      let subscribedOnce = false;
      subscriber.on('ready', () => {
        if (subscribedOnce) void registry.resync();
        subscribedOnce = true;
      });
      // ioredis re-subscribes by itself after a reconnect.
      subscriber
        .connect()
        .then(() => subscriber?.subscribe(CHANNEL))
        .catch((error: unknown) => cache().redisFailed(error));
    },

    stop(): void {
      subscriber?.disconnect();
      subscriber = null;
    },
  };
};

export type ChangeChannelService = ReturnType<typeof createChangeChannelService>;
export default createChangeChannelService;
