import type { Core, Modules } from '@strapi/strapi';
import { PLUGIN_ID } from '../../plugin-info';
import { getService } from '../../utils/get-service';
import { isInternal } from '../../utils/internal-lookup';
import type { StoredOptions } from '../stored-entries';
import type { Personalize } from './personalize';
import { createReadRecorder } from './recorders';
import { BASE_READS, type Entry, type KoaRequestContext } from './types';
import type { PluginConfig } from '../../config';

const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

type Middleware = Modules.Documents.Middleware.Middleware;
/** What a document-service action answers (documents, a count, null). */
type Answer = Awaited<ReturnType<Middleware>>;
/** Personalized entries keep the base's id and documentId: they are documents of the type. */
const asAnswer = (entries: Entry[] | Entry | undefined): Answer => entries as Answer;

/** Keeps only base entries: a variant has a variantKey, a base entry none. */
const baseOnly = (params: Record<string, unknown>): Record<string, unknown> => {
  const onlyBase = { variantKey: { $null: true } };
  return { ...params, filters: params.filters ? { $and: [params.filters, onlyBase] } : onlyBase };
};

export const storedOptions = (params: Record<string, unknown>): StoredOptions => ({
  locale: params.locale as string | undefined,
  status: (params.status as 'draft' | 'published' | undefined) ?? 'published',
});

/**
 * The document-service middleware of delivery: on the content API (REST and GraphQL), list and
 * count see base entries only, and each entry read is answered per caller. The plugin's own
 * endpoints and internal lookups read stored, unpersonalized data.
 */
export const createDeliveryMiddleware = (
  strapi: Core.Strapi,
  config: PluginConfig,
  personalize: Personalize,
  variantsUids: () => Set<string>
): Middleware => {
  const recordRead = createReadRecorder(strapi, config);

  /** The base answer as every caller shares it: only a variant's own findOne is hidden. */
  const baseAnswer = async (
    uid: string,
    params: Record<string, unknown>,
    result: Answer
  ): Promise<Answer> => {
    if (Array.isArray(result)) return result;
    const entry = result as Entry;
    if (entry.variantKey) return null;
    const stored = await getService(strapi, 'storedEntries').load(
      uid,
      [entry.documentId],
      storedOptions(params)
    );
    return stored.get(entry.documentId)?.fields.variantKey ? null : asAnswer(entry);
  };

  /** The answer for the request's caller: a list per caller, a findOne with its read recorded. */
  const callerAnswer = async (
    uid: string,
    params: Record<string, unknown>,
    result: Answer,
    request: KoaRequestContext
  ): Promise<Answer> => {
    const entries = (Array.isArray(result) ? result : [result]) as Entry[];
    const stored = await getService(strapi, 'storedEntries').load(
      uid,
      entries.map((entry) => entry.documentId),
      storedOptions(params)
    );
    if (Array.isArray(result)) {
      return asAnswer((await personalize(uid, entries, stored, params, request)).entries);
    }
    const [entry] = entries;
    // A variant is only ever served through its base entry (whatever fields the request selected).
    if (entry.variantKey || stored.get(entry.documentId)?.fields.variantKey) return null;
    const answer = await personalize(uid, [entry], stored, params, request);
    if (answer.audience) await recordRead(answer.audience, uid, entry.documentId, request);
    return asAnswer(answer.entries[0]);
  };

  return async (context, next) => {
    if (!READ_ACTIONS.has(context.action) || isInternal() || !variantsUids().has(context.uid)) {
      return next();
    }
    const request = strapi.requestContext.get() as KoaRequestContext | undefined;
    const route = request?.state?.route?.info;
    // The plugin's own endpoints (preview, tags, related, rescan) work on stored, unpersonalized data.
    if (!request || route?.type !== 'content-api' || route.pluginName === PLUGIN_ID) {
      return next();
    }
    if (context.action !== 'findOne') {
      context.params = baseOnly(context.params);
    }
    const { uid, action, params } = context;
    const baseReads = request.state[BASE_READS];
    baseReads?.observe(uid, action, params);
    // The base query's answer (before any per-caller decision) may come from the response cache.
    const result = await getService(strapi, 'responseCache').read<Answer>(
      uid,
      action,
      params,
      next
    );
    if (action === 'count' || !result) return result;
    if (baseReads) return baseAnswer(uid, params, result);
    return callerAnswer(uid, params, result, request);
  };
};
