import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { mergeVariant } from '../core/delivery';
import type { Decision } from '../core/rules';
import { getService } from '../utils/get-service';
import { runInternal } from '../utils/internal-lookup';
import type { PreviewInput } from '../validation/preview-input';

export interface PreviewResult extends Decision {
  contentType: string;
  documentId: string;
  /** The content the caller would get: the chosen variant's fields, or the base entry's. */
  content: Record<string, unknown>;
  availableVariants: string[];
  durationMs: number;
}

/** "What would this caller get, and why": the decision for one entry with the full trace. */
const createPreviewService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async preview(input: PreviewInput): Promise<PreviewResult> {
    const started = performance.now();
    const optIn = getService(strapi, 'optIns').get(input.contentType);
    if (!optIn || !optIn.variants) {
      throw new errors.ValidationError(
        `contentType "${input.contentType}" does not opt in to variants`
      );
    }
    const status = input.status ?? 'published';
    const entry = (await runInternal(() =>
      strapi.documents(input.contentType as UID.ContentType).findOne({
        documentId: input.documentId,
        locale: input.locale,
        status,
      })
    )) as Record<string, unknown> | null;
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
    const variants = await getService(strapi, 'variants').of(input.contentType, input.documentId, {
      locale: input.locale,
      status,
    });
    const tags = optIn.tagging
      ? ((
          await getService(strapi, 'tags').forEntries(
            input.contentType,
            [input.documentId],
            input.locale ?? null
          )
        )[input.documentId] ?? [])
      : [];
    const decision = getService(strapi, 'decisions').decide({
      contentType: input.contentType,
      entry: {
        documentId: input.documentId,
        tags: tags.filter((tag) => tag.status !== 'rejected').map((tag) => tag.label),
        variants: [...variants.keys()],
        fields: entry,
      },
      caller: input.caller,
    });
    const chosen = decision.variant ? variants.get(decision.variant) : undefined;
    return {
      contentType: input.contentType,
      documentId: input.documentId,
      ...decision,
      // As delivery serves it: the variant's non-empty fields over the base entry's.
      content: chosen ? mergeVariant(entry, chosen) : entry,
      availableVariants: [...variants.keys()],
      durationMs: performance.now() - started,
    };
  },
});

export type PreviewService = ReturnType<typeof createPreviewService>;
export default createPreviewService;
