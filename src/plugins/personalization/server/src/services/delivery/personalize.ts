import type { Core } from '@strapi/strapi';
import type { PluginConfig } from '../../config';
import { personalizeEntries, type CallerGate, type StoredEntry } from '../../core/delivery';
import type { Decision, DecisionReason } from '../../core/rules';
import type { CallerInput } from '../../core/templates';
import { getService } from '../../utils/get-service';
import type { AudienceContext } from '../audience/audience';
import { createExposureRecorder } from './recorders';
import { createRequestCaller } from './request-caller';
import type { Entry, KoaRequestContext, VariantStep } from './types';
import type { VariantContent } from './variant-content';

export interface Personalized {
  entries: Entry[];
  audience: AudienceContext | null;
}

export type Personalize = (
  uid: string,
  entries: Entry[],
  stored: Map<string, StoredEntry>,
  params: Record<string, unknown>,
  request: KoaRequestContext,
  prepareVariant?: VariantStep
) => Promise<Personalized>;

/**
 * What decides for this caller on this type: the deciders (none behind a gate), the caller's view,
 * experiments and render budget, and the decision cache. The cache records the live decision keys,
 * which the shadow evaluation keys its own cache with.
 */
const decisionSetup = async (
  strapi: Core.Strapi,
  uid: string,
  resolvedCaller: CallerInput,
  gate: CallerGate | null,
  audience: AudienceContext | null
) => {
  const decisions = getService(strapi, 'decisions');
  const budget = getService(strapi, 'renderBudget').current();
  // Merge fields are rendered for every caller, anonymous ones included, so Liquid never leaks.
  const caller = gate === null ? resolvedCaller : {};
  const view = decisions.callerView(caller);
  const experiments =
    gate === null ? await decisions.experimentsContext(uid, audience?.key ?? null) : undefined;
  const { deciders, flagStates } =
    gate === null
      ? decisions.decidersFor(uid, { caller, view, budget, experiments })
      : { deciders: [], flagStates: new Map() };
  const liveKeys = new Map<string, string>();
  const decisionCache = gate === null ? decisions.cacheFor(uid, view, flagStates) : undefined;
  const cache = decisionCache && {
    ...decisionCache,
    key: (entry: StoredEntry) => {
      const key = decisionCache.key(entry);
      if (key) liveKeys.set(entry.documentId, key);
      return key;
    },
  };
  return { caller, view, budget, experiments, deciders, cache, liveKeys };
};

/**
 * Answers entries through the one decision path (core/delivery/personalize-entries.ts) for the
 * request's caller, counts the decisions by reason, offers them to the shadow evaluation and
 * records experiment exposures.
 */
export const createPersonalize = (
  strapi: Core.Strapi,
  config: PluginConfig,
  variantContent: VariantContent,
  counted: (reason: DecisionReason) => void
): Personalize => {
  const requestCaller = createRequestCaller(strapi, config);
  const recordExposures = createExposureRecorder(strapi);

  /** Readers still get base content; the author finds a failed rule in the log and in a preview. */
  const report = (uid: string, served: Array<{ content: Entry; decision: Decision }>) => {
    for (const { content, decision } of served) {
      counted(decision.reason);
      const failed = decision.trace.find((step) => step.outcome === 'error');
      if (failed) {
        strapi.log.warn(
          `[personalization] rule "${failed.rule}" failed on ${uid} ${content.documentId}: ${failed.error}`
        );
      }
    }
  };

  return async (uid, entries, stored, params, request, prepareVariant) => {
    const { caller: resolved, audience, gate } = await requestCaller(request, params);
    const setup = await decisionSetup(strapi, uid, resolved, gate, audience);
    const { caller, view, budget, experiments } = setup;
    const mergeFields = getService(strapi, 'mergeFields');
    const personalized = await personalizeEntries({
      entries,
      stored,
      gate,
      deciders: setup.deciders,
      cache: setup.cache,
      loadVariants: async (ids) => {
        const contents = await variantContent(uid, ids, params);
        if (!prepareVariant) return contents;
        const prepared = await Promise.all(
          [...contents].map(async ([id, content]) => [id, await prepareVariant(content)] as const)
        );
        return new Map(prepared);
      },
      renderMergeFields: (entry, storedEntry) =>
        mergeFields.render(uid, entry, view, { fields: storedEntry?.fields, budget }),
    });
    report(uid, personalized);
    if (gate === null && audience) {
      // After the answer is computed; the evaluation itself runs later (services/shadow).
      getService(strapi, 'shadow').offer({
        contentType: uid,
        entries: personalized.map(({ decision }, index) => ({
          stored: stored.get(entries[index].documentId),
          decision,
        })),
        caller,
        view,
        experiments,
        callerKey: audience.key,
        segments: caller.segments ?? [],
        liveKeys: setup.liveKeys,
      });
    }
    if (audience && experiments) await recordExposures(uid, audience, personalized);
    return { entries: personalized.map(({ content }) => content), audience };
  };
};
