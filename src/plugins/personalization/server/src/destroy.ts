import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

/** Releases what bootstrap started; queues, flag clients and caches register their shutdown here. */
const destroy = async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  await getService(strapi, 'taggingWorker').stop();
  strapi.log.debug('[personalization] stopped');
};

export default destroy;
