import type { Core } from '@strapi/strapi';
import { getPluginConfig } from './utils/get-plugin-config';

const bootstrap = ({ strapi }: { strapi: Core.Strapi }): void => {
  const { delivery } = getPluginConfig(strapi);
  strapi.log.info(`[personalization] delivery ${delivery.enabled ? 'enabled' : 'disabled'}`);
};

export default bootstrap;
