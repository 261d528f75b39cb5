import type { Core } from '@strapi/strapi';
import { PLUGIN_ACTIONS } from './permissions/actions';
import { startTagging } from './services/tagging/start';
import { getPluginConfig } from './utils/get-plugin-config';
import { getService } from './utils/get-service';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  const { delivery } = getPluginConfig(strapi);
  await strapi.service('admin::permission').actionProvider.registerMany(PLUGIN_ACTIONS);
  await getService(strapi, 'templates').refresh();
  await getService(strapi, 'rules').refresh();
  await getService(strapi, 'flags').start();

  const cache = getService(strapi, 'cache');
  // Another instance changed rules, templates or flags: reload the snapshot it changed.
  cache.onRemoteChange(async (kind, uid) => {
    if (kind === 'content' && uid) getService(strapi, 'contentRevisions').applyRemote(uid);
    if (kind === 'templates') await getService(strapi, 'templates').refresh();
    if (kind === 'rules') await getService(strapi, 'rules').refresh();
    if (kind === 'flags') await getService(strapi, 'flags').reload();
  });
  await cache.start();
  strapi.log.info(`[personalization] delivery ${delivery.enabled ? 'enabled' : 'disabled'}`);
  await startTagging(strapi);
};

export default bootstrap;
