import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { personalizeEntries } from '../core/delivery';
import type { Decision } from '../core/rules';
import { getService } from '../utils/get-service';
import { runInternal } from '../utils/internal-lookup';
import type { PreviewInput } from '../validation/preview-input';

export interface PreviewResult extends Decision {
  contentType: string;
  documentId: string;
  /** What the caller would be served: the variant merged over the base, merge fields rendered. */
  content: Record<string, unknown>;
  availableVariants: string[];
  durationMs: number;
}

type Entry = Record<string, unknown> & { documentId: string };

/** The base entry to preview: 400 for a type without variants or a variant, 404 for none. */
const previewedEntry = async (
  strapi: Core.Strapi,
  input: PreviewInput,
  status: 'published' | 'draft'
): Promise<Entry> => {
  const optIn = getService(strapi, 'optIns').get(input.contentType);
  if (!optIn || !optIn.variants) {
    throw new errors.ValidationError(
      `contentType "${input.contentType}" does not opt in to variants`
    );
  }
  const entry = (await runInternal(() =>
    strapi.documents(input.contentType as UID.ContentType).findOne({
      documentId: input.documentId,
      locale: input.locale,
      status,
    })
  )) as Entry | null;
  if (!entry) {
    throw new errors.NotFoundError(
      `no ${status} entry ${input.documentId} of ${input.contentType}`
    );
  }
  if (entry.variantKey) {
    throw new errors.ValidationError(
      `entry ${input.documentId} is itself a variant; preview its base entry`
    );
  }
  return entry;
};

/**
 * "What would this caller get, and why": the same decision path as delivery
 * (core/delivery/personalize-entries.ts), uncached and with the full trace.
 */
const createPreviewService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async preview(input: PreviewInput): Promise<PreviewResult> {
    const started = performance.now();
    const status = input.status ?? 'published';
    const entry = await previewedEntry(strapi, input, status);
    const stored = await getService(strapi, 'storedEntries').load(
      input.contentType,
      [input.documentId],
      { locale: input.locale, status }
    );
    const decisions = getService(strapi, 'decisions');
    const budget = getService(strapi, 'renderBudget').current();
    const view = decisions.callerView(input.caller);
    // The caller's stored experiment arm, if any, as delivery would use it (nothing is recorded).
    const storedCaller = await getService(strapi, 'audienceIdentity').resolve(input.caller);
    const experiments = await decisions.experimentsContext(
      input.contentType,
      storedCaller?.key ?? null
    );
    const { deciders } = decisions.decidersFor(input.contentType, {
      caller: input.caller,
      view,
      budget,
      experiments,
    });
    const mergeFields = getService(strapi, 'mergeFields');
    const [served] = await personalizeEntries({
      entries: [entry],
      stored,
      gate: null,
      deciders,
      loadVariants: async (ids) => {
        const rows = (await runInternal(() =>
          strapi.documents(input.contentType as UID.ContentType).findMany({
            locale: input.locale,
            status,
            filters: { documentId: { $in: ids } },
            limit: -1,
          } as never)
        )) as unknown as Entry[];
        return new Map(rows.map((row) => [row.documentId, row]));
      },
      renderMergeFields: (content, storedEntry) =>
        mergeFields.render(input.contentType, content, view, {
          fields: storedEntry?.fields,
          budget,
        }),
    });
    // The preview answers with the decision beside the content, not inside it.
    const content: Record<string, unknown> = Object.assign({}, served.content);
    delete content.personalization;
    return {
      contentType: input.contentType,
      documentId: input.documentId,
      ...served.decision,
      content,
      availableVariants: [...(stored.get(input.documentId)?.variants.keys() ?? [])],
      durationMs: performance.now() - started,
    };
  },
});

export type PreviewService = ReturnType<typeof createPreviewService>;
export default createPreviewService;
