import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { variantWriteProblems } from '../../core/delivery/variant-rules';

/** What a create or update of a variant-enabled type says about the entry. */
export interface VariantWriteParams {
  data?: Record<string, unknown>;
  documentId?: string;
}

type Row = { id: number; documentId: string; variantKey: string | null };

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
 * Checks a create or update against the variant rules (core/delivery/variant-rules): a variant
 * names its key and its base, (base, key) is unique. A write that breaks them is a 400.
 */
export const variantWriteCheck = (strapi: Core.Strapi) => {
  const rows = (uid: string) => strapi.db.query(uid as UID.ContentType);

  const baseIdOf = async (uid: string, target: { documentId?: string; id?: number }) => {
    if (target.documentId) return target.documentId;
    const row = (await rows(uid).findOne({
      where: { id: target.id },
      select: ['documentId'],
    })) as Row | null;
    return row?.documentId ?? `#${target.id}`;
  };

  return async (uid: string, params: VariantWriteParams): Promise<void> => {
    const data: Record<string, unknown> = params.data ?? {};
    const documentId = params.documentId ?? null;
    const stored = documentId
      ? ((await rows(uid).findOne({
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
          : await baseIdOf(uid, target);
    const variantKey =
      data.variantKey === undefined
        ? (stored?.variantKey ?? null)
        : (data.variantKey as string | null) || null;
    if (!variantKey && !variantOf) return;

    const base = variantOf
      ? ((await rows(uid).findOne({
          where: { documentId: variantOf },
          select: ['documentId', 'variantKey'],
        })) as Row | null)
      : null;
    const sameKey =
      variantOf && variantKey
        ? ((await rows(uid).findMany({
            where: {
              variantKey,
              variantOf: { documentId: variantOf },
              ...(documentId ? { documentId: { $ne: documentId } } : {}),
            },
            select: ['documentId'],
          })) as Row[])
        : [];
    const ownVariants = documentId
      ? await rows(uid).count({ where: { variantOf: { documentId } } })
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
};
