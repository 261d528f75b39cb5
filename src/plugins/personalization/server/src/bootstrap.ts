import type { Core } from '@strapi/strapi';
import { runMigrations } from './migrations/run';
import { PLUGIN_ACTIONS } from './permissions/actions';
import { registerUserErasure } from './services/audience/user-deletion';
import { startTagging } from './services/tagging/start';
import { getPluginConfig } from './utils/get-plugin-config';
import { getService } from './utils/get-service';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  const { delivery } = getPluginConfig(strapi);
  // Inside the boot lock (services/boot-lock.ts), before any service reads the plugin's tables.
  await runMigrations(strapi.db.connection, { log: strapi.log });
  await strapi.service('admin::permission').actionProvider.registerMany(PLUGIN_ACTIONS);
  await getService(strapi, 'templates').refresh();
  await getService(strapi, 'rules').refresh();
  await getService(strapi, 'flags').start();
  await getService(strapi, 'segments').refresh();
  registerUserErasure(strapi);
  await getService(strapi, 'experiments').refresh();
  getService(strapi, 'shadow').start();
  getService(strapi, 'retention').schedule();
  getService(strapi, 'clustering').schedule();
  getService(strapi, 'bandits').schedule();
  getService(strapi, 'feedbackAudit').schedule();

  const cache = getService(strapi, 'cache');
  // Another instance changed rules, templates or flags: reload the snapshot it changed.
  cache.onRemoteChange(async (kind, uid) => {
    if (kind === 'content' && uid) getService(strapi, 'contentRevisions').applyRemote(uid);
    if (kind === 'templates') await getService(strapi, 'templates').refresh();
    if (kind === 'rules') await getService(strapi, 'rules').refresh();
    if (kind === 'flags') await getService(strapi, 'flags').reload();
    if (kind === 'experiments') await getService(strapi, 'experiments').refresh();
    if (kind === 'segments') {
      await getService(strapi, 'segments').refresh();
      getService(strapi, 'audience').clear();
    }
  });
  cache.onReconnect(() => getService(strapi, 'contentRevisions').forgetTokens());
  await cache.start();
  getService(strapi, 'metrics').start();
  getService(strapi, 'eventsRateLimit').start();
  strapi.log.info(`[personalization] delivery ${delivery.enabled ? 'enabled' : 'disabled'}`);
  await startTagging(strapi);
};

export default bootstrap;
