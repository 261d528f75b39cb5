import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

/** Releases what bootstrap started: the tagging worker, the flag client (timers, pending fetch) and Redis. */
const destroy = async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  // First: an instance stopped during its boot must not keep the others waiting.
  await getService(strapi, 'bootLock').release();
  await getService(strapi, 'taggingWorker').stop();
  await getService(strapi, 'jobRunner').stop();
  await getService(strapi, 'shadow').stop();
  await getService(strapi, 'flags').stop();
  getService(strapi, 'changeChannel').stop();
  await getService(strapi, 'cache').stop();
  getService(strapi, 'eventsRateLimit').stop();
  strapi.log.debug('[personalization] stopped');
};

export default destroy;
