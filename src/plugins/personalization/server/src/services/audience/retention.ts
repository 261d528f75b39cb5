import type { Core } from '@strapi/strapi';
import { getPluginConfig } from '../../utils/get-plugin-config';
import { AUDIENCE_TABLES } from './tables';

const DAY_MS = 86_400_000;

/**
 * Deletes events older than `audience.retention.days`, daily on Strapi's cron. Profiles are
 * aggregates and stay; erasure (DELETE /users/:id) removes them.
 */
const createRetentionService = ({ strapi }: { strapi: Core.Strapi }) => {
  const { days, cron } = getPluginConfig(strapi).audience.retention;

  const service = {
    async run(now = Date.now()): Promise<{ deleted: number; before: string }> {
      const cutoff = now - days * DAY_MS;
      const deleted = Number(
        await strapi.db
          .connection(AUDIENCE_TABLES.events)
          .where('occurred_at', '<', cutoff)
          .delete()
      );
      if (deleted > 0) strapi.log.info(`[personalization] retention deleted ${deleted} events`);
      return { deleted, before: new Date(cutoff).toISOString() };
    },

    schedule(): void {
      // Strapi's cron runs jobs added by plugins even when `server.cron.enabled` is false.
      if (!strapi.config.get('server.cron.enabled', true)) return;
      strapi.cron.add({
        personalizationRetention: {
          task: () =>
            service.run().catch((error: unknown) => {
              strapi.log.error(`[personalization] retention failed: ${String(error)}`);
            }),
          options: cron,
        },
      });
    },
  };
  return service;
};

export type RetentionService = ReturnType<typeof createRetentionService>;
export default createRetentionService;
