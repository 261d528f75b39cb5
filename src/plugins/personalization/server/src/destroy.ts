import type { Core } from '@strapi/strapi';

/** Releases what bootstrap started; queues, flag clients and caches register their shutdown here. */
const destroy = ({ strapi }: { strapi: Core.Strapi }): void => {
  strapi.log.debug('[personalization] stopped');
};

export default destroy;
