import type { Core } from '@strapi/strapi';
import { PLUGIN_ACTIONS } from './permissions/actions';
import { assertAudienceTables } from './services/audience/tables';
import { registerUserErasure } from './services/audience/user-deletion';
import { ensureExperimentTables } from './services/experiments/tables';
import { ensurePrivacyTables } from './services/privacy/tables';
import { ensureRecommendationTables } from './services/recommendations/tables';
import { ensureScheduledRunsTable } from './services/scheduled/tables';
import { ensureShadowTables } from './services/shadow/tables';
import { startTagging } from './services/tagging/start';
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
  await strapi.service('admin::permission').actionProvider.registerMany(PLUGIN_ACTIONS);
  await getService(strapi, 'flags').start();
  await assertAudienceTables(strapi.db.connection);
  registerUserErasure(strapi);
  await ensureExperimentTables(strapi.db.connection);
  await ensurePrivacyTables(strapi.db.connection);
  await registerSnapshots(strapi);
  await ensureShadowTables(strapi.db.connection);
  await ensureRecommendationTables(strapi.db.connection);
  getService(strapi, 'shadow').start();
  await ensureScheduledRunsTable(strapi.db.connection);
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
  // After tagging created the jobs table, which segment re-evaluations share.
  const jobRunner = getService(strapi, 'jobRunner');
  jobRunner.register('segment', getService(strapi, 'segments').reevaluationJob);
  jobRunner.start();
};

export default bootstrap;
