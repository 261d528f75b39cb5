import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { EntryOption, VariantSummary } from '../../../../shared/contracts/admin';
import { getService } from '../../utils/get-service';
import { runInternal } from '../../utils/internal-lookup';
import { variantDraftData } from './copy';
import { entryLabel, labelField } from './entry-label';

/** Narrows entry filters to what the requesting role may see (its Content Manager conditions). */
export type FilterScope = (filters: Record<string, unknown>) => Record<string, unknown>;

/** The subset of these documentIds the requesting role may read. */
export type ReadableIds = (documentIds: string[]) => Promise<Set<string>>;

const PAGE = 50;

/**
 * Entries of variant-enabled types as the admin shows them: base entries for the "preview as"
 * picker, the variants of an entry, and a new variant that starts as a copy of its base. The
 * role's permissions are applied by the caller (controllers) and passed in as scopes.
 */
const createVariantEntriesService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Base entries of the type (variants left out), by label, first page. */
  async baseOptions(
    uid: string,
    query: { search?: string; status?: 'published' | 'draft' },
    scope: FilterScope
  ): Promise<EntryOption[]> {
    const field = labelField(strapi, uid);
    const filters: Record<string, unknown> = { variantKey: { $null: true } };
    if (query.search && field) filters[field] = { $containsi: query.search };
    const rows = (await runInternal(() =>
      strapi.documents(uid as UID.ContentType).findMany({
        // The variant fields are added at register time, so the generic document types do not know them.
        filters: scope(filters),
        fields: field ? [field] : [],
        sort: field ? { [field]: 'asc' } : undefined,
        status: query.status ?? 'published',
        limit: PAGE,
      } as never)
    )) as unknown as Record<string, unknown>[];
    return rows.map((row) => ({
      documentId: String(row.documentId),
      label: entryLabel(row, field),
    }));
  },

  /** The variants of a base entry (drafts: every variant has one) that the role may read. */
  async summaries(
    uid: string,
    documentId: string,
    readable: ReadableIds
  ): Promise<VariantSummary[]> {
    const field = labelField(strapi, uid);
    const variants = await getService(strapi, 'variants').of(uid, documentId, { status: 'draft' });
    const allowed = await readable([...variants.values()].map((row) => String(row.documentId)));
    return [...variants.entries()]
      .filter(([, row]) => allowed.has(String(row.documentId)))
      .map(([key, row]) => ({
        key,
        documentId: String(row.documentId),
        label: entryLabel(row, field),
      }))
      .sort((a, b) => a.key.localeCompare(b.key));
  },

  /**
   * A draft variant that starts as a copy of the base's scalar fields; the editor then changes
   * it. The creator is recorded as the Content Manager records it, so "is creator" conditions hold.
   */
  async createDraft(
    uid: string,
    documentId: string,
    key: string,
    creator: { id: number | string } | undefined
  ): Promise<VariantSummary> {
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
        ...(creator ? { createdBy: creator.id, updatedBy: creator.id } : {}),
      },
    } as never)) as unknown as Record<string, unknown>;
    return {
      key,
      documentId: String(created.documentId),
      label: entryLabel(created, labelField(strapi, uid)),
    };
  },
});

export type VariantEntriesService = ReturnType<typeof createVariantEntriesService>;
export default createVariantEntriesService;
