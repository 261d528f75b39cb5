import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  baseInfo,
  CallerHeaderError,
  infoFromDecision,
  mergeVariant,
  resolveCaller,
  type PersonalizationInfo,
} from '../core/delivery';
import type { DecisionReason } from '../core/rules';
import { LRUCache } from 'lru-cache';
import { deviceFromUserAgent } from '../core/context/device';
import type { CallerInput } from '../core/templates';
import type { AudienceContext } from './audience/audience';
import { PLUGIN_ID } from '../plugin-info';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';
import { isInternal, runInternal } from '../utils/internal-lookup';

type Entry = Record<string, unknown> & { documentId: string; variantKey?: string | null };

interface DocumentContext {
  uid: string;
  action: string;
  params: Record<string, unknown>;
}

interface RequestState {
  route?: { info?: { type?: string; pluginName?: string } };
  user?: Record<string, unknown> & { id: string | number };
}

interface KoaRequestContext {
  headers: Record<string, string | string[] | undefined>;
  state: RequestState;
  set(name: string, value: string): void;
  get(name: string): string;
}

const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);
const CALLER_HEADERS = 'Authorization, X-Visitor-Id, X-Visitor-Traits';

/** Keeps only base entries: a variant has a variantKey, a base entry none. */
const baseOnly = (params: Record<string, unknown>): Record<string, unknown> => {
  const onlyBase = { variantKey: { $null: true } };
  return { ...params, filters: params.filters ? { $and: [params.filters, onlyBase] } : onlyBase };
};

/** Labels rules see (`entry.tags`, `has_tag`, tag filters): everything an editor has not rejected. */
const activeLabels = (tags: PersonalizationInfo['tags'] | undefined): string[] =>
  (tags ?? []).filter((tag) => tag.status !== 'rejected').map((tag) => tag.label);

const USER_FIELDS_NEVER_EXPOSED = new Set(['password', 'resetPasswordToken', 'confirmationToken']);

/**
 * Per-caller delivery on the content API (REST and GraphQL go through the document service):
 * list and count see base entries only, and each entry is answered with the variant the rules
 * choose for the caller, plus its `personalization` object.
 */
const createDeliveryService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = getPluginConfig(strapi);
  // Keyed by the content revision of the type: any write to it (entry, variant, tags) empties them.
  const cacheOptions = { max: 5000, ttl: config.cache.ttlMs };
  const indexCache = new LRUCache<string, Map<string, Map<string, string>>>({
    max: 200,
    ttl: config.cache.ttlMs,
  });
  const contentCache = new LRUCache<string, Entry>(cacheOptions);
  const tagsCache = new LRUCache<string, PersonalizationInfo['tags']>(cacheOptions);
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

  /** All variant keys of a type (base → key → variant documentId), cached per content revision. */
  const variantIndex = async (uid: string, params: Record<string, unknown>) => {
    const locale = params.locale as string | undefined;
    const status = (params.status as 'draft' | 'published' | undefined) ?? 'published';
    const key = `${uid}|${revisionOf(uid)}|${locale ?? ''}|${status}`;
    const cached = indexCache.get(key);
    if (cached) return cached;
    const index = await getService(strapi, 'variants').index(uid, null, { locale, status });
    indexCache.set(key, index);
    return index;
  };

  /** The chosen variants' content, with the request's own fields/populate/locale/status. */
  const variantContent = async (
    uid: string,
    documentIds: string[],
    params: Record<string, unknown>
  ): Promise<Map<string, Entry>> => {
    const { fields, populate, locale, status } = params;
    // Populated relations belong to other types whose writes this revision does not see: not cached.
    const cacheable = populate === undefined || populate === null;
    const prefix = `${uid}|${revisionOf(uid)}|${JSON.stringify([fields, locale, status])}|`;
    const found = new Map<string, Entry>();
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

  /** The tags of the listed entries as DESIGN §3 shows them (empty for types that are not tagged). */
  const tagsOf = async (
    uid: string,
    entries: Entry[],
    params: Record<string, unknown>
  ): Promise<Map<string, PersonalizationInfo['tags']>> => {
    if (!getService(strapi, 'optIns').get(uid)?.tagging) return new Map();
    const locale = (params.locale as string | undefined) ?? null;
    const prefix = `${uid}|${revisionOf(uid)}|${locale ?? ''}|`;
    const found = new Map<string, PersonalizationInfo['tags']>();
    const missing = entries
      .map((entry) => entry.documentId)
      .filter((documentId) => {
        const cached = tagsCache.get(prefix + documentId);
        if (cached) found.set(documentId, cached);
        return !cached;
      });
    if (missing.length === 0) return found;
    const byEntry = await getService(strapi, 'tags').forEntries(uid, missing, locale);
    for (const documentId of missing) {
      const tags = (byEntry[documentId] ?? []).map(
        ({ label, type, confidence, source, status }) => ({
          label,
          type,
          confidence,
          source,
          status,
        })
      );
      tagsCache.set(prefix + documentId, tags);
      found.set(documentId, tags);
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

  const personalize = async (
    uid: string,
    entries: Entry[],
    params: Record<string, unknown>,
    request: KoaRequestContext
  ): Promise<{ entries: Entry[]; audience: AudienceContext | null }> => {
    request.set('Vary', CALLER_HEADERS);
    let resolved;
    try {
      resolved = resolveCaller({
        headers: request.headers,
        user: request.state.user
          ? { id: request.state.user.id, attributes: userAttributes(request.state.user) }
          : null,
        locale: params.locale as string | undefined,
        userAgent: request.get('user-agent') || undefined,
      });
    } catch (error) {
      if (error instanceof CallerHeaderError) throw new errors.ValidationError(error.message);
      throw error;
    }

    const decisions = getService(strapi, 'decisions');
    const mergeFields = getService(strapi, 'mergeFields');
    const tags = await tagsOf(uid, entries, params);
    const audience = resolved.identified ? await audienceOf(resolved.caller) : null;
    const consented = audience?.consent.personalization !== false;
    if (audience && consented) {
      resolved.caller.segments = audience.segments;
      resolved.caller.profile = audience.profile ?? undefined;
    }
    // Merge fields are rendered for every caller, anonymous ones included, so Liquid never leaks.
    const callerView = decisions.callerView(
      resolved.identified && consented ? resolved.caller : {}
    );
    const withInfo = (entry: Entry, info: PersonalizationInfo): Entry => {
      count(info.reason);
      info.tags = tags.get(entry.documentId) ?? [];
      return Object.assign(mergeFields.render(uid, entry, callerView), { personalization: info });
    };
    const answer = (reason: 'disabled' | 'no-context' | 'no-consent') => ({
      entries: entries.map((entry) => withInfo(entry, baseInfo(reason))),
      audience,
    });
    if (!config.delivery.enabled) return answer('disabled');
    if (!resolved.identified) return answer('no-context');
    if (!consented) return answer('no-consent');

    request.set('Cache-Control', 'private, no-cache');
    const index = await variantIndex(uid, params);

    const decided = await decisions.decideMany(
      uid,
      entries.map((entry) => ({
        documentId: entry.documentId,
        tags: activeLabels(tags.get(entry.documentId)),
        variants: [...(index.get(entry.documentId)?.keys() ?? [])],
        fields: entry,
        version: typeof entry.updatedAt === 'string' ? entry.updatedAt : null,
      })),
      resolved.caller,
      callerView
    );
    const chosen = entries.map((entry, position) => {
      const decision = decided[position];
      const variantId = decision.variant
        ? index.get(entry.documentId)?.get(decision.variant)
        : undefined;
      return { entry, decision, variantId };
    });

    const contents = await variantContent(
      uid,
      chosen.flatMap(({ variantId }) => (variantId ? [variantId] : [])),
      params
    );
    const personalized = chosen.map(({ entry, decision, variantId }) => {
      const variant = variantId ? contents.get(variantId) : undefined;
      const info = infoFromDecision(
        variant || !decision.variant
          ? { ...decision, trace: [] }
          : { ...decision, trace: [], variant: null, reason: 'unknown-variant' }
      );
      return withInfo(variant ? mergeVariant(entry, variant) : entry, info);
    });
    return { entries: personalized, audience };
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
    const result = await next();
    if (context.action === 'count' || !result) return result;

    if (Array.isArray(result)) {
      return (await personalize(context.uid, result as Entry[], context.params, request)).entries;
    }
    const entry = result as Entry;
    // A variant is only ever served through its base entry.
    if (entry.variantKey) return null;
    const { entries, audience } = await personalize(context.uid, [entry], context.params, request);
    if (audience) await recordRead(audience, context.uid, entry.documentId, request);
    return entries[0];
  };

  return {
    register(): void {
      strapi.documents.use(middleware as unknown as Parameters<typeof strapi.documents.use>[0]);
    },

    /** Decisions served since boot, by reason (DESIGN §3 reasons). */
    counts: (): Record<string, number> => Object.fromEntries(counts),
  };
};

export type DeliveryService = ReturnType<typeof createDeliveryService>;
export default createDeliveryService;
