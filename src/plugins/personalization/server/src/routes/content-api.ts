import { audienceRoutes } from './audience';
import { managementRoutes } from './management';
import { taggingRoutes } from './tagging';

export default {
  type: 'content-api' as const,
  routes: [
    {
      method: 'GET',
      path: '/health',
      handler: 'health.show',
      config: {
        // A liveness probe for load balancers: it reveals versions and type names, nothing stored.
        auth: false as const,
      },
    },
    ...managementRoutes,
    ...taggingRoutes,
    ...audienceRoutes,
  ],
};
