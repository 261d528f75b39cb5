import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import type { FilterScope } from '../services/variants/entries';
import { getService } from '../utils/get-service';
import { contentManagerAccess, type AdminState } from './content-manager-access';
import { parseOrThrow } from './tagging-validation';

interface Ctx {
  params: unknown;
  query: unknown;
  state: AdminState;
  body: unknown;
}

const paramsSchema = z.object({ uid: z.string().min(1).max(200) });
const querySchema = z
  .object({
    search: z.string().max(200).optional(),
    status: z.enum(['published', 'draft']).optional(),
  })
  .strict();

/** Base entries of an opted-in type for the admin's "preview as" picker (variants left out). */
const createEntriesController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Ctx) {
    const { uid } = parseOrThrow(paramsSchema, ctx.params, 'path');
    const query = parseOrThrow(querySchema, ctx.query, 'query');
    if (!getService(strapi, 'optIns').get(uid)?.variants) {
      throw new errors.NotFoundError(`${uid} is not a content type that opts in to variants`);
    }
    // Drafts are not public: listing them needs the Content Manager's read permission (and conditions).
    const scope: FilterScope =
      query.status === 'draft'
        ? (filters) => contentManagerAccess(strapi, ctx.state, uid).withConditions('read', filters)
        : (filters) => filters;
    ctx.body = { data: await getService(strapi, 'variantEntries').baseOptions(uid, query, scope) };
  },
});

export default createEntriesController;
