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
    {
      method: 'GET',
      path: '/metrics',
      handler: 'metrics.scrape',
      config: {
        // Checked by the controller: the metrics bearer secret or a read-only/full-access API token.
        auth: false as const,
      },
    },
    ...managementRoutes,
    ...taggingRoutes,
    ...audienceRoutes,
  ],
};
