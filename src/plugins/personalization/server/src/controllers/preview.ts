import type { Core } from '@strapi/strapi';
import type { PreviewResult } from '../../../shared/contracts/templates';
import { getService } from '../utils/get-service';
import { parseBody } from '../validation/common';
import { previewSchema } from '../validation/preview-input';
import type { RequestContext } from './request-context';

const createPreviewController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async create(ctx: RequestContext) {
    const result = await getService(strapi, 'preview').preview(
      parseBody(previewSchema, ctx.request.body)
    );
    ctx.body = { data: result satisfies PreviewResult };
  },
});

export default createPreviewController;
