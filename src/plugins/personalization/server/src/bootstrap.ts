import type { Core } from '@strapi/strapi';
import { runMigrations } from './migrations/run';
import { PLUGIN_ACTIONS } from './permissions/actions';
import { registerUserErasure } from './startup/user-deletion';
import { startTagging } from './startup/tagging';
import { getPluginConfig } from './utils/get-plugin-config';
import { getService } from './utils/get-service';

/**
 * Every snapshot kept in memory, registered once on the change channel (reloaded in this order on
 * a change: segment definitions before the audience contexts that name them), then loaded.
 */
const registerSnapshots = async (strapi: Core.Strapi): Promise<void> => {
  const channel = getService(strapi, 'changeChannel');
  channel.register(getService(strapi, 'templates').snapshot);
  channel.register(getService(strapi, 'rules').snapshot);
  channel.register(getService(strapi, 'flags').snapshot);
  channel.register(getService(strapi, 'segments').snapshot);
  channel.register(getService(strapi, 'audience').snapshot);
  channel.register(getService(strapi, 'experiments').snapshot);
  channel.register(getService(strapi, 'contentRevisions').snapshot);
  await channel.loadAll();
};

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  const { delivery } = getPluginConfig(strapi);
  // Inside the boot lock (services/boot-lock.ts), before any service reads the plugin's tables.
  await runMigrations(strapi.db.connection, { log: strapi.log });
  await strapi.service('admin::permission').actionProvider.registerMany(PLUGIN_ACTIONS);
  await getService(strapi, 'flags').start();
  registerUserErasure(strapi);
  await registerSnapshots(strapi);
  getService(strapi, 'shadow').start();
  getService(strapi, 'retention').schedule();
  getService(strapi, 'clustering').schedule();
  getService(strapi, 'bandits').schedule();
  getService(strapi, 'feedbackAudit').schedule();

  await getService(strapi, 'cache').start();
  getService(strapi, 'changeChannel').start();
  getService(strapi, 'metrics').start();
  getService(strapi, 'eventsRateLimit').start();
  strapi.log.info(`[personalization] delivery ${delivery.enabled ? 'enabled' : 'disabled'}`);
  await startTagging(strapi);
  // Segment re-evaluations are jobs on the tagging jobs table, run apart from the tagging worker.
  const jobRunner = getService(strapi, 'jobRunner');
  jobRunner.register('segment', getService(strapi, 'segments').reevaluationJob);
  jobRunner.start();
};

export default bootstrap;
