import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

/** Releases what bootstrap started: the flag client (timers, pending fetch) and Redis connections. */
const destroy = async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  await getService(strapi, 'flags').stop();
  await getService(strapi, 'cache').stop();
  strapi.log.debug('[personalization] stopped');
};

export default destroy;
