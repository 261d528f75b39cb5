import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import type { EntryOption } from '../../../shared/contracts/admin';
import { getService } from '../utils/get-service';
import { runInternal } from '../utils/internal-lookup';
import { contentManagerAccess, type AdminState } from './content-manager-access';
import { entryLabel, labelField } from './entry-label';
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

const PAGE = 50;

/** Base entries of an opted-in type for the admin's "preview as" picker (variants left out). */
const createEntriesController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Ctx) {
    const { uid } = parseOrThrow(paramsSchema, ctx.params, 'path');
    const { search, status } = parseOrThrow(querySchema, ctx.query, 'query');
    if (!getService(strapi, 'optIns').get(uid)?.variants) {
      throw new errors.NotFoundError(`${uid} is not a content type that opts in to variants`);
    }
    const field = labelField(strapi, uid);
    const filters: Record<string, unknown> = { variantKey: { $null: true } };
    if (search && field) filters[field] = { $containsi: search };
    // Drafts are not public: listing them needs the Content Manager's read permission (and conditions).
    const scoped =
      status === 'draft'
        ? contentManagerAccess(strapi, ctx.state, uid).withConditions('read', filters)
        : filters;
    const rows = (await runInternal(() =>
      strapi.documents(uid as UID.ContentType).findMany({
        // The variant fields are added at register time, so the generic document types do not know them.
        filters: scoped,
        fields: field ? [field] : [],
        sort: field ? { [field]: 'asc' } : undefined,
        status: status ?? 'published',
        limit: PAGE,
      } as never)
    )) as unknown as Record<string, unknown>[];
    ctx.body = {
      data: rows.map(
        (row): EntryOption => ({
          documentId: String(row.documentId),
          label: entryLabel(row, field),
        })
      ),
    };
  },
});

export default createEntriesController;
