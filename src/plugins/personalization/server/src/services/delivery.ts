import type { Core } from '@strapi/strapi';
import type { DecisionReason } from '../core/rules';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';
import { createDeliveryMiddleware, storedOptions } from './delivery/middleware';
import { createPersonalize } from './delivery/personalize';
import { createReadRecorder } from './delivery/recorders';
import type { Entry, KoaRequestContext, VariantStep } from './delivery/types';
import { createVariantContent } from './delivery/variant-content';

export {
  BASE_READS,
  type BaseReads,
  type Entry,
  type KoaRequestContext,
  type VariantStep,
} from './delivery/types';

/**
 * Per-caller delivery on the content API (REST and GraphQL go through the document service):
 * list and count see base entries only, and each entry is answered through the one decision path
 * (core/delivery/personalize-entries.ts) with the caller's variant and `personalization` object.
 */
const createDeliveryService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = getPluginConfig(strapi);
  const counts = new Map<DecisionReason, number>();
  const count = (reason: DecisionReason) => counts.set(reason, (counts.get(reason) ?? 0) + 1);

  const variantsUids = () =>
    new Set(
      getService(strapi, 'optIns')
        .list()
        .filter((optIn) => optIn.variants)
        .map((optIn) => optIn.uid)
    );

  const variantContent = createVariantContent(strapi, config.cache.ttlMs);
  const personalize = createPersonalize(strapi, config, variantContent, count);
  const recordRead = createReadRecorder(strapi, config);
  const middleware = createDeliveryMiddleware(strapi, config, personalize, variantsUids);

  return {
    /**
     * Applies the request caller's decisions to base entries already sanitized for the caller's
     * role (a REST answer the response cache kept, the recommendations' entries): the same path
     * as a document-service read, with the variants' content passed through `prepareVariant`
     * (the same sanitizer).
     */
    async personalizeAnswer(
      uid: string,
      answer: Entry[] | Entry,
      params: Record<string, unknown>,
      request: KoaRequestContext,
      prepareVariant: VariantStep
    ): Promise<Entry[] | Entry> {
      const entries = Array.isArray(answer) ? answer : [answer];
      if (entries.length === 0) return answer;
      const stored = await getService(strapi, 'storedEntries').load(
        uid,
        entries.map((entry) => entry.documentId),
        storedOptions(params)
      );
      const served = await personalize(uid, entries, stored, params, request, prepareVariant);
      if (Array.isArray(answer)) return served.entries;
      if (served.audience) await recordRead(served.audience, uid, answer.documentId, request);
      return served.entries[0];
    },

    /** Whether delivery answers reads of this type per caller (the type has variants). */
    personalizes: (uid: string): boolean => variantsUids().has(uid),

    register(): void {
      strapi.documents.use(middleware);
    },

    /** Decisions served since boot, by reason (DESIGN §3 reasons). */
    counts: (): Record<string, number> => Object.fromEntries(counts),
  };
};

export type DeliveryService = ReturnType<typeof createDeliveryService>;
export default createDeliveryService;
