import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import type { VariantSummary } from '../../../shared/contracts/admin';
import { VARIANT_KEY_PATTERN } from '../services/variants';
import { getService } from '../utils/get-service';
import { runInternal } from '../utils/internal-lookup';
import { contentManagerAccess, type AdminState } from './content-manager-access';
import { entryLabel, labelField } from './entry-label';
import { entryParamsSchema, parseOrThrow } from './tagging-validation';
import { variantDraftData } from './variant-copy';

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

const creatorFields = (state: AdminState) =>
  state.user ? { createdBy: state.user.id, updatedBy: state.user.id } : {};

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
      const field = labelField(strapi, uid);
      // Drafts: every variant has a draft, published or not.
      const variants = await getService(strapi, 'variants').of(uid, documentId, drafts);
      const readable = await access.permitted(
        'read',
        [...variants.values()].map((row) => String(row.documentId)),
        drafts
      );
      ctx.body = {
        data: [...variants.entries()]
          .filter(([, row]) => readable.has(String(row.documentId)))
          .map(
            ([key, row]): VariantSummary => ({
              key,
              documentId: String(row.documentId),
              label: entryLabel(row, field),
            })
          )
          .sort((a, b) => a.key.localeCompare(b.key)),
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
      const documents = strapi.documents(uid as UID.ContentType);
      const base = (await runInternal(() =>
        documents.findOne({ documentId, status: 'draft' })
      )) as Record<string, unknown> | null;
      if (!base) throw new errors.NotFoundError(`no ${uid} entry with documentId "${documentId}"`);
      if (base.variantKey) {
        throw new errors.ValidationError('this entry is a variant; create variants of its base');
      }
      const attributes = strapi.contentType(uid as UID.ContentType).attributes as Record<
        string,
        { type: string; unique?: boolean }
      >;
      const created = (await documents.create({
        // The variant fields are added at register time, so the generic document types do not know them.
        data: {
          ...variantDraftData(base, attributes, key),
          variantKey: key,
          variantOf: documentId,
          // As the Content Manager records it, so "is creator" conditions hold for the new variant.
          ...creatorFields(ctx.state),
        },
      } as never)) as unknown as Record<string, unknown>;
      ctx.status = 201;
      ctx.body = {
        data: {
          key,
          documentId: String(created.documentId),
          label: entryLabel(created, labelField(strapi, uid)),
        } satisfies VariantSummary,
      };
    },
  };
};

export default createVariantsController;
