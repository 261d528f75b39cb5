import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { parseBody } from '../validation/common';
import { previewSchema } from '../validation/preview-input';
import type { RequestContext } from './request-context';

const createPreviewController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async create(ctx: RequestContext) {
    ctx.body = {
      data: await getService(strapi, 'preview').preview(parseBody(previewSchema, ctx.request.body)),
    };
  },
});

export default createPreviewController;
