import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import type { VariantSummary } from '../../../shared/contracts/admin';
import { VARIANT_KEY_PATTERN } from '../services/variants';
import { getService } from '../utils/get-service';
import { runInternal } from '../utils/internal-lookup';
import { entryLabel, labelField } from './entry-label';
import { entryParamsSchema, parseOrThrow } from './tagging-validation';
import { variantDraftData } from './variant-copy';

/** The admin's CASL ability on the request (set by the admin authentication strategy). */
interface UserAbility {
  can(action: string, subject?: string): boolean;
}

interface Ctx {
  params: unknown;
  request: { body?: unknown };
  state: { userAbility?: UserAbility };
  body: unknown;
  status: number;
}

const createBodySchema = z
  .object({
    key: z.string().regex(new RegExp(VARIANT_KEY_PATTERN), 'lowercase letters, digits, _ and -'),
  })
  .strict();

/** Variants are entries: reading and creating them needs the content manager's permission on the type. */
const assertAllowed = (ctx: Ctx, action: 'read' | 'create', uid: string) => {
  if (!ctx.state.userAbility?.can(`plugin::content-manager.explorer.${action}`, uid)) {
    throw new errors.ForbiddenError(`you may not ${action} entries of ${uid}`);
  }
};

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
      assertAllowed(ctx, 'read', uid);
      const field = labelField(strapi, uid);
      // Drafts: every variant has a draft, published or not.
      const variants = await getService(strapi, 'variants').of(uid, documentId, {
        status: 'draft',
      });
      ctx.body = {
        data: [...variants.entries()]
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
      assertAllowed(ctx, 'create', uid);
      const { key } = parseOrThrow(createBodySchema, ctx.request.body, 'body');
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
