import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

/** Releases what bootstrap started: the flag client (its timers and any pending fetch). */
const destroy = async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  await getService(strapi, 'flags').stop();
  strapi.log.debug('[personalization] stopped');
};

export default destroy;
