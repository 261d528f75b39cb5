import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { VARIANT_KEY_PATTERN } from '../services/variants';
import { getService } from '../utils/get-service';
import { contentManagerAccess, type AdminState } from './content-manager-access';
import { entryParamsSchema, parseOrThrow } from './tagging-validation';

interface Ctx {
  params: unknown;
  request: { body?: unknown };
  state: AdminState;
  body: unknown;
  status: number;
}

const createBodySchema = z
  .object({
    key: z.string().regex(new RegExp(VARIANT_KEY_PATTERN), 'lowercase letters, digits, _ and -'),
  })
  .strict();

/** The variants of an entry for the content manager's side panel, and "create a variant". */
const createVariantsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const entry = (ctx: Ctx) => {
    const params = parseOrThrow(entryParamsSchema, ctx.params, 'path');
    if (!getService(strapi, 'optIns').get(params.uid)?.variants) {
      throw new errors.NotFoundError(
        `${params.uid} is not a content type that opts in to variants`
      );
    }
    return params;
  };

  return {
    async find(ctx: Ctx) {
      const { uid, documentId } = entry(ctx);
      // Variants are entries: the Content Manager's read permission and its conditions apply.
      const access = contentManagerAccess(strapi, ctx.state, uid);
      const drafts = { status: 'draft' as const };
      await access.assertEntry('read', documentId, drafts);
      ctx.body = {
        data: await getService(strapi, 'variantEntries').summaries(uid, documentId, (ids) =>
          access.permitted('read', ids, drafts)
        ),
      };
    },

    /** Creates a draft variant that starts as a copy of the base; the editor then changes it. */
    async create(ctx: Ctx) {
      const { uid, documentId } = entry(ctx);
      const access = contentManagerAccess(strapi, ctx.state, uid);
      access.assertType('create');
      const { key } = parseOrThrow(createBodySchema, ctx.request.body, 'body');
      // The copy reveals the base's content: the role must be allowed to read that very entry.
      await access.assertEntry('read', documentId, { status: 'draft' });
      const created = await getService(strapi, 'variantEntries').createDraft(
        uid,
        documentId,
        key,
        ctx.state.user
      );
      ctx.status = 201;
      ctx.body = { data: created };
    },
  };
};

export default createVariantsController;
