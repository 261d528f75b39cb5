import type { Core, UID } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { runInternal } from '../utils/internal-lookup';

/** Variant keys: short identifiers editors type in the content manager. */
export const VARIANT_KEY_PATTERN = '^[a-z0-9][a-z0-9_-]{0,63}$';

interface VariantRow {
  documentId: string;
  variantKey: string | null;
}

/**
 * The fields that make an entry a variant of another entry of the same type, added to every type
 * that opts in with `variants: true` (the way i18n adds `locale` and `localizations`).
 */
const createVariantsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  extendContentTypes(): void {
    for (const optIn of getService(strapi, 'optIns').list()) {
      if (!optIn.variants) continue;
      const contentType = strapi.contentType(optIn.uid as UID.ContentType);
      Object.assign(contentType.attributes, {
        variantKey: {
          type: 'string',
          regex: VARIANT_KEY_PATTERN,
          maxLength: 64,
          configurable: false,
        },
        variantOf: {
          type: 'relation',
          relation: 'manyToOne',
          target: optIn.uid,
          inversedBy: 'variants',
          configurable: false,
        },
        // Private: a `populate=variants` must never leak other callers' variants.
        variants: {
          type: 'relation',
          relation: 'oneToMany',
          target: optIn.uid,
          mappedBy: 'variantOf',
          private: true,
          configurable: false,
          // Hidden in the content manager's edit view, as i18n hides `localizations`.
          visible: false,
        },
      });
    }
  },

  /** Variant keys (base → key → variant documentId) of the given base entries, or of all, in one query. */
  async index(
    uid: string,
    baseIds: string[] | null,
    options: { locale?: string; status?: 'published' | 'draft' } = {}
  ): Promise<Map<string, Map<string, string>>> {
    const rows = (await runInternal(() =>
      strapi.documents(uid as UID.ContentType).findMany({
        filters: baseIds
          ? { variantOf: { documentId: { $in: baseIds } } }
          : { variantKey: { $notNull: true } },
        fields: ['variantKey'],
        populate: { variantOf: { fields: ['documentId'] } },
        locale: options.locale,
        status: options.status ?? 'published',
        limit: -1,
        // The variant fields are added at register time, so the generic document types do not know them.
      } as never)
    )) as unknown as Array<VariantRow & { variantOf: { documentId: string } | null }>;
    const index = new Map<string, Map<string, string>>();
    for (const row of rows) {
      if (!row.variantKey || !row.variantOf) continue;
      const keys = index.get(row.variantOf.documentId) ?? new Map<string, string>();
      keys.set(row.variantKey, row.documentId);
      index.set(row.variantOf.documentId, keys);
    }
    return index;
  },

  /** The variants of a base entry (key → entry), in the given locale and publication state. */
  async of(
    uid: string,
    documentId: string,
    options: { locale?: string; status?: 'published' | 'draft' } = {}
  ): Promise<Map<string, Record<string, unknown>>> {
    const rows = (await runInternal(() =>
      strapi.documents(uid as UID.ContentType).findMany({
        // The variant fields are added at register time, so the generic document types do not know them.
        filters: { variantOf: { documentId } },
        locale: options.locale,
        status: options.status ?? 'published',
      } as never)
    )) as unknown as (VariantRow & Record<string, unknown>)[];
    return new Map(
      rows.filter((row) => row.variantKey).map((row) => [row.variantKey as string, row])
    );
  },
});

export type VariantsService = ReturnType<typeof createVariantsService>;
export default createVariantsService;
