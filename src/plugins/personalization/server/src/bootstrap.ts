import type { Core } from '@strapi/strapi';
import { getPluginConfig } from './utils/get-plugin-config';
import { getService } from './utils/get-service';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  const { delivery } = getPluginConfig(strapi);
  await getService(strapi, 'templates').refresh();
  await getService(strapi, 'rules').refresh();
  await getService(strapi, 'flags').start();
  strapi.log.info(`[personalization] delivery ${delivery.enabled ? 'enabled' : 'disabled'}`);
};

export default bootstrap;
