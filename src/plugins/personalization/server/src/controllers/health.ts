import type { Core } from '@strapi/strapi';
import type { LivenessResponse } from '../../../shared/contracts/health';
import { getService } from '../utils/get-service';

const createHealthController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The public probe: that the plugin answers, nothing about its configuration or traffic. */
  live(ctx: { body: unknown }) {
    ctx.body = { status: 'ok' } satisfies LivenessResponse;
  },

  /** The admin report: configuration and decision counters. */
  async show(ctx: { body: unknown }) {
    ctx.body = getService(strapi, 'health').report();
  },
});

export default createHealthController;
