import type { Core } from '@strapi/strapi';
import { getPluginConfig } from '../../utils/get-plugin-config';
import { getService } from '../../utils/get-service';

/** What the queue-status endpoint reports: queue depth, recent failures, rescans, models, counters. */
const createTaggingStatusService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async report() {
    const queue = getService(strapi, 'taggingQueue');
    const config = getPluginConfig(strapi).tagging;
    const [counts, failed, rescans] = await Promise.all([
      queue.counts(),
      queue.recent('failed', null, 20),
      queue.recent(null, 'rescan', 10),
    ]);
    return {
      enabled: config.enabled,
      config: {
        concurrency: config.concurrency,
        batchSize: config.batchSize,
        maxAttempts: config.maxAttempts,
        backoffMs: config.backoffMs,
        backoffMaxMs: config.backoffMaxMs,
      },
      jobs: counts,
      worker: getService(strapi, 'taggingWorker').state(),
      tagger: getService(strapi, 'tagger').counters(),
      models: getService(strapi, 'taggingModels').status(),
      recentFailures: failed,
      rescans,
    };
  },
});

export type TaggingStatusService = ReturnType<typeof createTaggingStatusService>;
export default createTaggingStatusService;
