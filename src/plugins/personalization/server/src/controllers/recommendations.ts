import type { Core, UID } from '@strapi/strapi';
import type { RecommendationRecord } from '../../../shared/contracts/recommendations';
import { errors } from '@strapi/utils';
import type { Entry, KoaRequestContext } from '../services/delivery';
import type { AuthState } from '../services/rest-response-cache';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';
import { runInternal } from '../utils/internal-lookup';
import {
  recommendationParamsSchema,
  recommendationQuerySchema,
} from '../validation/recommendations-input';
import { answeringRefusals, CallerStatusError } from '../utils/http-errors';
import type { AudienceRequestContext } from './audience-caller';
import { parseOrThrow } from './tagging-validation';

export type RecommendationInfo = RecommendationRecord;

export interface RecommendedEntries {
  list: string;
  personalized: boolean;
  entries: Array<Entry & { personalization: Record<string, unknown> }>;
}

type RecommendationRequest = AudienceRequestContext &
  KoaRequestContext & { state: KoaRequestContext['state'] & { auth?: unknown } };

/**
 * The list for the request's caller, entries included and served through delivery (variant and
 * `personalization` as a content-API list gives them) with `personalization.recommendation`.
 * Shared by REST and GraphQL. No caller headers: the popularity list.
 */
export const recommendedEntries = async (
  strapi: Core.Strapi,
  ctx: RecommendationRequest,
  uid: string,
  limit: number
): Promise<RecommendedEntries> => {
  if (!getService(strapi, 'optIns').get(uid)) {
    throw new errors.NotFoundError(`${uid} is not a content type that opts in to personalization`);
  }
  const identified = Boolean(ctx.headers.authorization || ctx.headers['x-visitor-id']);
  const who = identified ? await getService(strapi, 'audienceCallers').resolve(ctx) : null;
  if (!(await getService(strapi, 'recommendations').mayRead(uid, who?.userId ?? null))) {
    throw new CallerStatusError(
      403,
      'ForbiddenError',
      `the caller may not read ${uid} (${uid}.find)`
    );
  }
  if (who?.userId && !ctx.state.user) {
    // The route is public (visitors must reach it): delivery reads the verified user from the state.
    ctx.state.user = (await strapi.db
      .query('plugin::users-permissions.user')
      .findOne({ where: { id: who.userId } })) as KoaRequestContext['state']['user'];
  }
  const audience = who ? await getService(strapi, 'audience').contextFor(who.caller) : null;
  const personalized =
    Boolean(audience?.consent.personalization) && getPluginConfig(strapi).delivery.enabled;
  const ranked = await getService(strapi, 'recommendations').rank(
    uid,
    personalized && audience
      ? { key: audience.key, profile: audience.profile }
      : { key: null, profile: null },
    limit
  );
  const ids = ranked.items.map((item) => item.item);
  // Sanitized entries are kept per role and revision; the sanitizer takes the revision before the
  // entries are read, so content read after a write is never kept under the newer revision.
  const params = { status: 'published' };
  const sanitize = getService(strapi, 'restResponseCache').sanitizerFor(
    uid,
    ctx.state.auth as AuthState | undefined,
    params
  );
  const read = { filters: { documentId: { $in: ids } }, status: 'published', limit: ids.length };
  // The entries' base content through the response cache (keyed by the revision of the type).
  const found = (await getService(strapi, 'responseCache').read(uid, 'findMany', read, () =>
    runInternal(() => strapi.documents(uid as UID.ContentType).findMany(read as never))
  )) as Entry[];
  const byId = new Map(found.map((entry) => [entry.documentId, entry]));
  const ordered = ids.flatMap((id) => (byId.has(id) ? [byId.get(id) as Entry] : []));
  // Then served per caller as a content-API list is.
  const clean = (await Promise.all(ordered.map((entry) => sanitize(entry)))) as Entry[];
  const delivery = getService(strapi, 'delivery');
  const served = delivery.personalizes(uid)
    ? ((await delivery.personalizeAnswer(uid, clean, params, ctx, sanitize)) as Entry[])
    : clean;
  const entries = served.map((entry, position) => {
    const item = ranked.items.find((candidate) => candidate.item === ordered[position].documentId);
    const personalization = (entry.personalization ?? {}) as Record<string, unknown>;
    const recommendation: RecommendationInfo = {
      score: item?.score ?? 0,
      reasons: item?.reasons ?? [],
      list: ranked.list,
    };
    return { ...entry, personalization: { ...personalization, recommendation } };
  });
  return { list: ranked.list, personalized, entries };
};

const createRecommendationsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `GET /recommendations/:uid?limit=k`: entries ranked for the caller. */
  find: answeringRefusals(async (ctx: AudienceRequestContext) => {
    const { uid } = parseOrThrow(recommendationParamsSchema, ctx.params, 'path');
    const { maxLimit } = getPluginConfig(strapi).recommendations;
    const { limit } = parseOrThrow(recommendationQuerySchema(maxLimit), ctx.query, 'query');
    const result = await recommendedEntries(strapi, ctx as RecommendationRequest, uid, limit);
    ctx.body = {
      data: result.entries,
      meta: { uid, limit, list: result.list, personalized: result.personalized },
    };
  }),
});

export default createRecommendationsController;
