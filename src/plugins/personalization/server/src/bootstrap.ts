import type { Core } from '@strapi/strapi';
import { startTagging } from './services/tagging/start';
import { getPluginConfig } from './utils/get-plugin-config';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  const { delivery } = getPluginConfig(strapi);
  strapi.log.info(`[personalization] delivery ${delivery.enabled ? 'enabled' : 'disabled'}`);
  await startTagging(strapi);
};

export default bootstrap;
