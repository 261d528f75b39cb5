import { audienceRoutes } from './audience';
import { managementRoutes } from './management';
import { taggingRoutes } from './tagging';

export default {
  type: 'content-api' as const,
  routes: [
    {
      method: 'GET',
      path: '/health',
      handler: 'health.live',
      config: {
        // A liveness probe for load balancers: no versions, type names or counters.
        auth: false as const,
      },
    },
    ...managementRoutes,
    ...taggingRoutes,
    ...audienceRoutes,
  ],
};
