import type { Core } from '@strapi/strapi';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { getPluginConfig } from '../../utils/get-plugin-config';

/**
 * Per-caller request budget of the events endpoint (rate-limiter-flexible, fixed window). Counted
 * per instance: behind a load balancer with N instances a caller gets up to N times the budget.
 */
const createEventsRateLimitService = ({ strapi }: { strapi: Core.Strapi }) => {
  const { requests, windowSeconds } = getPluginConfig(strapi).audience.events.rateLimit;
  const limiter = new RateLimiterMemory({ points: requests, duration: windowSeconds });

  return {
    /** Null when the request may go on; else the seconds to wait before trying again. */
    async consume(key: string): Promise<number | null> {
      try {
        await limiter.consume(key);
        return null;
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes)
          return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        throw rejection;
      }
    },
  };
};

export type EventsRateLimitService = ReturnType<typeof createEventsRateLimitService>;
export default createEventsRateLimitService;
