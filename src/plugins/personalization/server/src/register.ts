import type { Core } from '@strapi/strapi';
import { registerGraphql } from './graphql/register-graphql';
import { registerHttpMetrics } from './middlewares/http-metrics';
import { registerTaggingTrigger } from './services/tagging/trigger';
import { getService } from './utils/get-service';

const register = ({ strapi }: { strapi: Core.Strapi }): void => {
  getService(strapi, 'bootLock').register();
  // Fail fast: a wrong opt-in in any schema stops boot with a message naming the type and field.
  const optIns = getService(strapi, 'optIns').load();
  strapi.log.info(
    `[personalization] opted-in types: ${optIns.map((optIn) => optIn.uid).join(', ') || 'none'}`
  );
  getService(strapi, 'variants').extendContentTypes();
  getService(strapi, 'variantIntegrity').register();
  getService(strapi, 'mergeFields').register();
  getService(strapi, 'contentRevisions').register();
  getService(strapi, 'delivery').register();
  getService(strapi, 'restResponseCache').register();
  registerGraphql(strapi);
  registerTaggingTrigger(strapi);
  if (getService(strapi, 'metrics').enabled) registerHttpMetrics(strapi);
};

export default register;
