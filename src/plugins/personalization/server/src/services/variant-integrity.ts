import type { Core, Modules, UID } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { variantWriteCheck } from './variants/write-check';

/** Actions a base entry passes on to its variants, so they follow its publication state. */
type CascadedAction = 'publish' | 'unpublish' | 'discardDraft' | 'delete';
type CascadedContext = Extract<Modules.Documents.Middleware.Context, { action: CascadedAction }>;

/**
 * Keeps variants consistent on every write, from the content manager or the content API: a
 * variant names its key and its base, (base, key) is unique, and publishing, unpublishing or
 * deleting a base entry does the same to its variants.
 */
const createVariantIntegrityService = ({ strapi }: { strapi: Core.Strapi }) => {
  const validate = variantWriteCheck(strapi);

  const variantIdsOf = async (uid: string, documentId: string | undefined): Promise<string[]> => {
    if (!documentId) return [];
    const variants = (await strapi.db.query(uid as UID.ContentType).findMany({
      where: { variantOf: { documentId } },
      select: ['documentId'],
    })) as Array<{ documentId: string }>;
    return [...new Set(variants.map((row) => row.documentId))];
  };

  /** The base's action, done to one of its variants (in the base's locale). */
  const cascade = (context: CascadedContext, documentId: string): Promise<unknown> => {
    // The generated types give publish, unpublish and discardDraft to draft-and-publish types
    // only; the base's own action just ran through this type's service, so it has them.
    const documents = strapi.documents(context.uid) as ReturnType<typeof strapi.documents> &
      Modules.Documents.DraftAndPublishExtension;
    switch (context.action) {
      case 'publish':
        return documents.publish({ documentId, locale: context.params.locale });
      case 'unpublish':
        return documents.unpublish({ documentId, locale: context.params.locale });
      case 'discardDraft':
        return documents.discardDraft({ documentId, locale: context.params.locale });
      case 'delete':
        return documents.delete({ documentId, locale: context.params.locale });
    }
  };

  const middleware: Modules.Documents.Middleware.Middleware = async (context, next) => {
    const optIn = getService(strapi, 'optIns').get(context.uid);
    if (!optIn?.variants) return next();
    if (context.action === 'create' || context.action === 'update') {
      await validate(context.uid, context.params);
      return next();
    }
    if (
      context.action !== 'publish' &&
      context.action !== 'unpublish' &&
      context.action !== 'discardDraft' &&
      context.action !== 'delete'
    ) {
      return next();
    }
    const { documentId } = context.params;

    // Looked up before the action: a delete removes the base's relation rows.
    const variantIds = await variantIdsOf(context.uid, documentId);
    const result = await next();
    for (const variantId of variantIds) {
      try {
        await cascade(context, variantId);
      } catch (error) {
        // The base's own action succeeded; a variant that could not follow is logged, not undone.
        strapi.log.error(
          `[personalization] ${context.action} of variant ${variantId} of ${documentId} failed: ${(error as Error).message}`
        );
      }
    }
    return result;
  };

  return {
    register(): void {
      strapi.documents.use(middleware);
    },
  };
};

export type VariantIntegrityService = ReturnType<typeof createVariantIntegrityService>;
export default createVariantIntegrityService;
