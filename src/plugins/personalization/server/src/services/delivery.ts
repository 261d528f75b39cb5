import type { Core, UID } from '@strapi/strapi';
import {
  personalizeEntries,
  resolveCaller,
  type CallerGate,
  type StoredEntry,
} from '../core/delivery';
import type { Decision, DecisionReason } from '../core/rules';
import { LRUCache } from 'lru-cache';
import { deviceFromUserAgent } from '../core/context/device';
import type { CallerInput } from '../core/templates';
import type { AudienceContext } from './audience/audience';
import { banditScopeOf } from '../core/experiments/bandit';
import type { ServedExperiment } from './experiments/assignments';
import type { StoredOptions } from './stored-entries';
import { PLUGIN_ID } from '../plugin-info';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';
import { withHttpErrors } from '../utils/http-errors';
import { isInternal, runInternal } from '../utils/internal-lookup';

export type Entry = Record<string, unknown> & { documentId: string };

interface DocumentContext {
  uid: string;
  action: string;
  params: Record<string, unknown>;
}

interface RequestState {
  [BASE_READS]?: BaseReads;
  route?: { info?: { type?: string; pluginName?: string } };
  user?: Record<string, unknown> & { id: string | number };
}

export interface KoaRequestContext {
  headers: Record<string, string | string[] | undefined>;
  state: RequestState;
  set(name: string, value: string): void;
  get(name: string): string;
  /** Adds to the Vary header (keeps what CORS and others put there). */
  vary(field: string): void;
}

/** Turns loaded variant content into what the caller may see (the controller's output sanitizer). */
export type VariantStep = (content: Record<string, unknown>) => Promise<Record<string, unknown>>;

/**
 * Set on a request's state by the REST response cache: the document-service reads of the request
 * answer the base (unpersonalized) entries and report what they read; the cache applies the
 * per-caller decision to the controller's sanitized answer instead (services/rest-response-cache).
 */
export const BASE_READS = Symbol.for('personalization.baseReads');
export interface BaseReads {
  observe(uid: string, action: string, params: Record<string, unknown>): void;
}

const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);
const CALLER_HEADERS = ['Authorization', 'X-Visitor-Id', 'X-Visitor-Traits'];

/** Keeps only base entries: a variant has a variantKey, a base entry none. */
const baseOnly = (params: Record<string, unknown>): Record<string, unknown> => {
  const onlyBase = { variantKey: { $null: true } };
  return { ...params, filters: params.filters ? { $and: [params.filters, onlyBase] } : onlyBase };
};

const storedOptions = (params: Record<string, unknown>): StoredOptions => ({
  locale: params.locale as string | undefined,
  status: (params.status as 'draft' | 'published' | undefined) ?? 'published',
});

const USER_FIELDS_NEVER_EXPOSED = new Set(['password', 'resetPasswordToken', 'confirmationToken']);

/**
 * Per-caller delivery on the content API (REST and GraphQL go through the document service):
 * list and count see base entries only, and each entry is answered through the one decision path
 * (core/delivery/personalize-entries.ts) with the caller's variant and `personalization` object.
 */
const createDeliveryService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = getPluginConfig(strapi);
  // Keyed by the content revision of the type: any write to it (entry, variant, tags) empties it.
  const contentCache = new LRUCache<string, Entry>({ max: 5000, ttl: config.cache.ttlMs });
  const revisionOf = (uid: string) => getService(strapi, 'contentRevisions').get(uid);
  const counts = new Map<DecisionReason, number>();
  const count = (reason: DecisionReason) => counts.set(reason, (counts.get(reason) ?? 0) + 1);

  const variantsUids = () =>
    new Set(
      getService(strapi, 'optIns')
        .list()
        .filter((optIn) => optIn.variants)
        .map((optIn) => optIn.uid)
    );

  /** The chosen variants' content, with the request's own fields/populate/locale/status. */
  const variantContent = async (
    uid: string,
    documentIds: string[],
    params: Record<string, unknown>
  ): Promise<Map<string, Record<string, unknown>>> => {
    const { fields, populate, locale, status } = params;
    // Populated relations belong to other types whose writes this revision does not see: not cached.
    const cacheable = populate === undefined || populate === null;
    const prefix = `${uid}|${revisionOf(uid)}|${JSON.stringify([fields, locale, status])}|`;
    const found = new Map<string, Record<string, unknown>>();
    const missing = documentIds.filter((documentId) => {
      const cached = cacheable ? contentCache.get(prefix + documentId) : undefined;
      if (cached) found.set(documentId, cached);
      return !cached;
    });
    if (missing.length === 0) return found;
    const rows = (await runInternal(() =>
      strapi.documents(uid as UID.ContentType).findMany({
        fields,
        populate,
        locale,
        status,
        filters: { documentId: { $in: missing } },
        limit: -1,
      } as never)
    )) as unknown as Entry[];
    for (const row of rows) {
      if (cacheable) contentCache.set(prefix + row.documentId, row);
      found.set(row.documentId, row);
    }
    return found;
  };

  const userAttributes = (user: RequestState['user']): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(user ?? {}).filter(([name]) => !USER_FIELDS_NEVER_EXPOSED.has(name))
    );

  /** The caller's consent, profile and segments; a storage failure serves them as unknown. */
  const audienceOf = async (caller: CallerInput): Promise<AudienceContext | null> => {
    try {
      return await getService(strapi, 'audience').contextFor(caller);
    } catch (error) {
      strapi.log.error(
        `[personalization] could not read the caller's audience data: ${String(error)}`
      );
      return null;
    }
  };

  /** A caller's findOne of an entry counts as a view when they consented to analytics. */
  const recordRead = async (
    audience: AudienceContext,
    uid: string,
    documentId: string,
    request: KoaRequestContext
  ): Promise<void> => {
    if (!config.audience.events.trackReads || !audience.consent.analytics) return;
    const now = new Date();
    try {
      await getService(strapi, 'audienceEvents').ingest({
        key: audience.key,
        subject: audience.subject,
        // One view per entry per minute: re-reads and retries within the minute count once.
        events: [
          {
            id: `read:${uid}:${documentId}:${Math.floor(now.getTime() / 60_000)}`,
            type: 'view',
            entry: { uid, documentId },
            timestamp: now.toISOString(),
            sessionId: `read-${now.toISOString().slice(0, 10)}`,
          },
        ],
        device: deviceFromUserAgent(request.get('user-agent') || undefined),
      });
    } catch (error) {
      strapi.log.error(`[personalization] could not record a read: ${String(error)}`);
    }
  };

  /**
   * The experiments the caller was just served: their arm is stored (sticky from now on) and,
   * with analytics consent, their first exposure in the phase. A storage failure is logged: the
   * reader still gets the content.
   */
  const recordExposures = async (
    uid: string,
    audience: AudienceContext,
    served: Array<{ decision: Decision }>
  ): Promise<void> => {
    const running = getService(strapi, 'experiments').runningOn(uid);
    const seen = new Map<string, ServedExperiment>();
    for (const { decision } of served) {
      const ref = decision.experiment;
      const experiment = ref ? running.find((candidate) => candidate.name === ref.name) : undefined;
      if (ref && experiment && !seen.has(experiment.id)) {
        seen.set(experiment.id, {
          experimentId: experiment.id,
          phase: ref.phase,
          arm: ref.arm,
          // The bandit whose weights assigned this caller: per-segment reweights count them there.
          ...(experiment.bandit
            ? { banditSegment: banditScopeOf(experiment.bandit.config, audience.segments) }
            : {}),
        });
      }
    }
    if (seen.size === 0) return;
    try {
      await getService(strapi, 'experimentAssignments').record(
        audience.key,
        [...seen.values()],
        audience.consent.analytics
      );
    } catch (error) {
      strapi.log.error(`[personalization] could not record experiment exposures: ${String(error)}`);
    }
  };

  /** Who is asking: a 400 naming the header when one is malformed. */
  const callerOf = (request: KoaRequestContext, params: Record<string, unknown>) => {
    return withHttpErrors(() =>
      resolveCaller({
        headers: request.headers,
        user: request.state.user
          ? { id: request.state.user.id, attributes: userAttributes(request.state.user) }
          : null,
        locale: params.locale as string | undefined,
        userAgent: request.get('user-agent') || undefined,
      })
    );
  };

  const personalize = async (
    uid: string,
    entries: Entry[],
    stored: Map<string, StoredEntry>,
    params: Record<string, unknown>,
    request: KoaRequestContext,
    prepareVariant?: VariantStep
  ): Promise<{ entries: Entry[]; audience: AudienceContext | null }> => {
    CALLER_HEADERS.forEach((header) => request.vary(header));
    const resolved = callerOf(request, params);
    const audience = resolved.identified ? await audienceOf(resolved.caller) : null;
    const consented = audience?.consent.personalization !== false;
    if (audience && consented) {
      resolved.caller.segments = audience.segments;
      resolved.caller.profile = audience.profile ?? undefined;
    }
    const gate: CallerGate | null = !config.delivery.enabled
      ? 'disabled'
      : !resolved.identified
        ? 'no-context'
        : !consented
          ? 'no-consent'
          : null;
    if (gate === null) request.set('Cache-Control', 'private, no-cache');

    const decisions = getService(strapi, 'decisions');
    const budget = getService(strapi, 'renderBudget').current();
    // Merge fields are rendered for every caller, anonymous ones included, so Liquid never leaks.
    const caller = gate === null ? resolved.caller : {};
    const view = decisions.callerView(caller);
    const experiments =
      gate === null ? await decisions.experimentsContext(uid, audience?.key ?? null) : undefined;
    const { deciders, flagStates } =
      gate === null
        ? decisions.decidersFor(uid, { caller, view, budget, experiments })
        : { deciders: [], flagStates: new Map() };
    const mergeFields = getService(strapi, 'mergeFields');
    // The live decision keys, kept for the shadow evaluation (it keys its own cache with them).
    const liveKeys = new Map<string, string>();
    const decisionCache = gate === null ? decisions.cacheFor(uid, view, flagStates) : undefined;
    const liveCache = decisionCache && {
      ...decisionCache,
      key: (entry: StoredEntry) => {
        const key = decisionCache.key(entry);
        if (key) liveKeys.set(entry.documentId, key);
        return key;
      },
    };

    const personalized = await personalizeEntries({
      entries,
      stored,
      gate,
      deciders,
      cache: liveCache,
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
    for (const { content, decision } of personalized) {
      count(decision.reason);
      const failed = decision.trace.find((step) => step.outcome === 'error');
      if (failed) {
        // Readers still get base content; the author finds the cause in the log and in a preview.
        strapi.log.warn(
          `[personalization] rule "${failed.rule}" failed on ${uid} ${content.documentId}: ${failed.error}`
        );
      }
    }
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
        liveKeys,
      });
    }
    if (audience && experiments) await recordExposures(uid, audience, personalized);
    return { entries: personalized.map(({ content }) => content), audience };
  };

  /** The base answer as every caller shares it: only a variant's own findOne is hidden. */
  const baseAnswer = async (context: DocumentContext, result: unknown): Promise<unknown> => {
    if (Array.isArray(result)) return result;
    const entry = result as Entry;
    if (entry.variantKey) return null;
    const stored = await getService(strapi, 'storedEntries').load(
      context.uid,
      [entry.documentId],
      storedOptions(context.params)
    );
    return stored.get(entry.documentId)?.fields.variantKey ? null : entry;
  };

  const middleware = async (
    context: DocumentContext,
    next: () => Promise<unknown>
  ): Promise<unknown> => {
    if (!READ_ACTIONS.has(context.action) || isInternal() || !variantsUids().has(context.uid)) {
      return next();
    }
    const request = strapi.requestContext.get() as unknown as KoaRequestContext | undefined;
    const route = request?.state?.route?.info;
    // The plugin's own endpoints (preview, tags, related, rescan) work on stored, unpersonalized data.
    if (!request || route?.type !== 'content-api' || route.pluginName === PLUGIN_ID) {
      return next();
    }
    if (context.action !== 'findOne') {
      context.params = baseOnly(context.params);
    }
    const baseReads = request.state[BASE_READS];
    baseReads?.observe(context.uid, context.action, context.params);
    // The base query's answer (before any per-caller decision) may come from the response cache.
    const result = await getService(strapi, 'responseCache').read(
      context.uid,
      context.action,
      context.params,
      next
    );
    if (context.action === 'count' || !result) return result;
    if (baseReads) return baseAnswer(context, result);

    const entries = (Array.isArray(result) ? result : [result]) as Entry[];
    const stored = await getService(strapi, 'storedEntries').load(
      context.uid,
      entries.map((entry) => entry.documentId),
      storedOptions(context.params)
    );
    if (Array.isArray(result)) {
      return (await personalize(context.uid, entries, stored, context.params, request)).entries;
    }
    const [entry] = entries;
    // A variant is only ever served through its base entry (whatever fields the request selected).
    if (entry.variantKey || stored.get(entry.documentId)?.fields.variantKey) return null;
    const answer = await personalize(context.uid, [entry], stored, context.params, request);
    if (answer.audience) {
      await recordRead(answer.audience, context.uid, entry.documentId, request);
    }
    return answer.entries[0];
  };

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
      strapi.documents.use(middleware as unknown as Parameters<typeof strapi.documents.use>[0]);
    },

    /** Decisions served since boot, by reason (DESIGN §3 reasons). */
    counts: (): Record<string, number> => Object.fromEntries(counts),
  };
};

export type DeliveryService = ReturnType<typeof createDeliveryService>;
export default createDeliveryService;
