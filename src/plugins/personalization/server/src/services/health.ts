import type { Core } from '@strapi/strapi';
import type { HealthResponse } from '../../../shared/contracts/health';
import { pluginPackage } from '../plugin-info';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';

const createHealthService = ({ strapi }: { strapi: Core.Strapi }) => ({
  report(): HealthResponse {
    return {
      status: 'ok',
      plugin: { name: pluginPackage.name, version: pluginPackage.version },
      database: { client: strapi.db.dialect.client },
      delivery: { enabled: getPluginConfig(strapi).delivery.enabled },
      optedInTypes: getService(strapi, 'optIns')
        .list()
        .map(({ uid, tagging, variants }) => ({ uid, tagging, variants })),
      decisions: getService(strapi, 'delivery').counts(),
    } satisfies HealthResponse;
  },
});

export type HealthService = ReturnType<typeof createHealthService>;
export default createHealthService;
