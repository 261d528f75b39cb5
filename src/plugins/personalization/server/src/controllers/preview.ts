import type { Core } from '@strapi/strapi';
import type { PreviewResult } from '../../../shared/contracts/templates';
import { getService } from '../utils/get-service';
import { parseBody } from '../validation/common';
import { previewSchema } from '../validation/preview-input';
import { contentManagerAccess, type AdminState } from './content-manager-access';
import type { RequestContext } from './request-context';

const createPreviewController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Content API (API token with `rules.read`): the token's permission is the whole check. */
  async create(ctx: RequestContext) {
    const result = await getService(strapi, 'preview').preview(
      parseBody(previewSchema, ctx.request.body)
    );
    ctx.body = { data: result satisfies PreviewResult };
  },

  /**
   * Admin panel: a draft is not public, so previewing one also needs the Content Manager's read
   * permission on the type, with the role's conditions holding for that entry.
   */
  async adminCreate(ctx: RequestContext & { state: AdminState }) {
    const input = parseBody(previewSchema, ctx.request.body);
    if (input.status === 'draft') {
      await contentManagerAccess(strapi, ctx.state, input.contentType).assertEntry(
        'read',
        input.documentId,
        { status: 'draft', locale: input.locale }
      );
    }
    const result = await getService(strapi, 'preview').preview(input);
    ctx.body = { data: result satisfies PreviewResult };
  },
});

export default createPreviewController;
