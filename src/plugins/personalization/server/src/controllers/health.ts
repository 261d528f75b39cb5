import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';

const createHealthController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async show(ctx: { body: unknown }) {
    ctx.body = getService(strapi, 'health').report();
  },
});

export default createHealthController;
