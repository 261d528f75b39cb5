import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { variantWriteProblems } from '../core/delivery/variant-rules';
import { getService } from '../utils/get-service';

interface DocumentContext {
  uid: string;
  action: string;
  params: Record<string, unknown> & {
    data?: Record<string, unknown>;
    documentId?: string;
    locale?: string;
  };
}

type Row = { id: number; documentId: string; variantKey: string | null; locale?: string | null };

const WRITE_ACTIONS = new Set(['create', 'update']);
/** Actions a base entry passes on to its variants, so they follow its publication state. */
const CASCADED_ACTIONS = new Set(['publish', 'unpublish', 'discardDraft', 'delete']);

/** The documentId (or row id) a relation input points to: a string, an id, or { connect | set }. */
const relationTarget = (
  value: unknown
): { documentId?: string; id?: number } | null | undefined => {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'string') return { documentId: value };
  if (typeof value === 'number') return { id: value };
  if (Array.isArray(value)) return value.length === 0 ? null : relationTarget(value[0]);
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('set' in record) return relationTarget(record.set);
    if ('connect' in record && Array.isArray(record.connect) && record.connect.length > 0) {
      return relationTarget(record.connect[0]);
    }
    if ('disconnect' in record) return null;
    if (typeof record.documentId === 'string') return { documentId: record.documentId };
    if (typeof record.id === 'number') return { id: record.id };
  }
  return undefined;
};

/**
 * Keeps variants consistent on every write, from the content manager or the content API: a
 * variant names its key and its base, (base, key) is unique, and publishing, unpublishing or
 * deleting a base entry does the same to its variants.
 */
const createVariantIntegrityService = ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = (uid: string) => strapi.db.query(uid as UID.ContentType);

  const baseIdOf = async (uid: string, target: { documentId?: string; id?: number }) => {
    if (target.documentId) return target.documentId;
    const row = (await rows(uid).findOne({
      where: { id: target.id },
      select: ['documentId'],
    })) as Row | null;
    return row?.documentId ?? `#${target.id}`;
  };

  const validate = async (context: DocumentContext) => {
    const data = context.params.data ?? {};
    const documentId = context.params.documentId ?? null;
    const stored = documentId
      ? ((await rows(context.uid).findOne({
          where: { documentId },
          select: ['documentId', 'variantKey'],
          populate: { variantOf: { select: ['documentId'] } },
        })) as (Row & { variantOf: { documentId: string } | null }) | null)
      : null;
    const target = relationTarget(data.variantOf);
    const variantOf =
      target === undefined
        ? (stored?.variantOf?.documentId ?? null)
        : target === null
          ? null
          : await baseIdOf(context.uid, target);
    const variantKey =
      data.variantKey === undefined
        ? (stored?.variantKey ?? null)
        : (data.variantKey as string | null) || null;
    if (!variantKey && !variantOf) return;

    const base = variantOf
      ? ((await rows(context.uid).findOne({
          where: { documentId: variantOf },
          select: ['documentId', 'variantKey'],
        })) as Row | null)
      : null;
    const sameKey =
      variantOf && variantKey
        ? ((await rows(context.uid).findMany({
            where: {
              variantKey,
              variantOf: { documentId: variantOf },
              ...(documentId ? { documentId: { $ne: documentId } } : {}),
            },
            select: ['documentId'],
          })) as Row[])
        : [];
    const ownVariants = documentId
      ? await rows(context.uid).count({ where: { variantOf: { documentId } } })
      : 0;

    const problems = variantWriteProblems(
      { documentId, variantKey, variantOf },
      {
        base,
        sameKeyVariants: [...new Set(sameKey.map((row) => row.documentId))],
        hasOwnVariants: ownVariants > 0,
      }
    );
    if (problems.length > 0) {
      throw new errors.ValidationError(problems[0], {
        errors: problems.map((message) => ({ path: [message.split(':')[0]], message })),
      });
    }
  };

  const variantIdsOf = async (context: DocumentContext): Promise<string[]> => {
    const documentId = context.params.documentId;
    if (!documentId) return [];
    const variants = (await rows(context.uid).findMany({
      where: { variantOf: { documentId } },
      select: ['documentId'],
    })) as Row[];
    return [...new Set(variants.map((row) => row.documentId))];
  };

  const middleware = async (context: DocumentContext, next: () => Promise<unknown>) => {
    const optIn = getService(strapi, 'optIns').get(context.uid);
    if (!optIn?.variants) return next();
    if (WRITE_ACTIONS.has(context.action)) {
      await validate(context);
      return next();
    }
    if (!CASCADED_ACTIONS.has(context.action)) return next();

    // Looked up before the action: a delete removes the base's relation rows.
    const variantIds = await variantIdsOf(context);
    const result = await next();
    const service = strapi.documents(context.uid as UID.ContentType) as unknown as Record<
      string,
      (params: Record<string, unknown>) => Promise<unknown>
    >;
    for (const variantId of variantIds) {
      try {
        await service[context.action]({ documentId: variantId, locale: context.params.locale });
      } catch (error) {
        // The base's own action succeeded; a variant that could not follow is logged, not undone.
        strapi.log.error(
          `[personalization] ${context.action} of variant ${variantId} of ${context.params.documentId} failed: ${(error as Error).message}`
        );
      }
    }
    return result;
  };

  return {
    register(): void {
      strapi.documents.use(middleware as unknown as Parameters<typeof strapi.documents.use>[0]);
    },
  };
};

export type VariantIntegrityService = ReturnType<typeof createVariantIntegrityService>;
export default createVariantIntegrityService;
