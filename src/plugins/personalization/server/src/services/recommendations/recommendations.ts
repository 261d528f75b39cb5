import { createHash, createHmac } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { PluginConfig } from '../../config';
import { LRUCache } from 'lru-cache';
import type { ProfileView } from '../../core/audience/profiles/types';
import {
  recommend,
  trainModel,
  type CatalogueItem,
  type Interaction,
  type Recommendation,
  type RecommendationModel,
} from '../../core/recommendations';
import { getPluginConfig } from '../../utils/get-plugin-config';
import { getService } from '../../utils/get-service';
import { createRecommendationData } from './data';
import { createIssuedLists } from './issued-lists';
import { createReadAccess } from './read-access';

const DAY_MS = 86_400_000;

interface LoadedModel {
  /** A number no other build of this instance had: names the model in cache keys. */
  id: number;
  contentRevision: number;
  /** Count and highest id of the events it learned from: unchanged events need no rebuild. */
  events: string;
  builtAt: number;
  model: RecommendationModel;
}

/** Who a list is ranked for: a caller with their profile, or nobody (the popularity list). */
export interface RankFor {
  key: string | null;
  profile: ProfileView | null;
}

export interface RankedList {
  /** Sent back by view and click events (`list`) to attribute engagement to this list. */
  list: string;
  items: Recommendation[];
  /** When it was last stored as issued (epoch ms): a cached list is stored again before it expires. */
  issuedAt: number;
}

/**
 * A caller's profile revision: every stored event moves `events` (and `lastSeen`), so a list
 * cached under it is recomputed as soon as the caller does anything.
 */
const itemIds = (items: readonly Recommendation[]): string[] => items.map((item) => item.item);

const profileRevision = (profile: ProfileView | null): string =>
  profile ? `${profile.events}:${profile.lastSeen ?? ''}` : 'none';

/** List ids are keyed with a server secret: nobody can compute the id of a list they were not given. */
const listSecretOf = (strapi: Core.Strapi): Buffer => {
  const appKeys = (strapi.config.get('server.app.keys') as string[] | undefined) ?? [];
  return createHash('sha256')
    .update(`personalization-lists:${appKeys.join(',')}`)
    .digest();
};

/** The models per type: `modelFor(uid)` answers the current one, building it when stale. */
const modelStore = (
  strapi: Core.Strapi,
  config: PluginConfig['recommendations'],
  data: ReturnType<typeof createRecommendationData>
) => {
  const models = new Map<string, LoadedModel>();
  const building = new Map<string, Promise<LoadedModel>>();
  let builds = 0;

  const build = async (
    uid: string,
    contentRevision: number,
    events: string
  ): Promise<LoadedModel> => {
    const now = Date.now();
    const [catalogue, interactions] = await Promise.all([
      data.catalogue(uid),
      data.interactions(uid, now - config.windowDays * DAY_MS),
    ]);
    builds += 1;
    const loaded = {
      id: builds,
      contentRevision,
      events,
      builtAt: now,
      model: trainModel(catalogue, interactions, {
        now,
        mmrLambda: config.mmrLambda,
        explorationShare: config.explorationShare,
      }),
    };
    models.set(uid, loaded);
    return loaded;
  };

  return async (uid: string): Promise<LoadedModel> => {
    const revision = getService(strapi, 'contentRevisions').get(uid);
    const current = models.get(uid);
    if (
      current &&
      current.contentRevision === revision &&
      Date.now() - current.builtAt < config.modelTtlMs
    ) {
      return current;
    }
    let pending = building.get(uid);
    if (!pending) {
      pending = (async () => {
        const events = await data.eventsSignature(uid);
        // Old but learned from the same events and content: keep it, and the lists cached on it.
        if (current && current.contentRevision === revision && current.events === events) {
          current.builtAt = Date.now();
          return current;
        }
        return build(uid, revision, events);
      })().finally(() => building.delete(uid));
      building.set(uid, pending);
    }
    return pending;
  };
};

/**
 * Recommendations per caller: a model per type (co-engagement, popularity, tags, embeddings)
 * trained from the logged events and rebuilt when the type's content changes, or when it is older
 * than `modelTtlMs` and events about the type were stored since; lists ranked by the core ranker (the one the offline evaluation
 * scores) and cached under the model, the content revision and the caller's profile revision.
 */
const createRecommendationsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = getPluginConfig(strapi).recommendations;
  const data = createRecommendationData(strapi);
  const lists =
    config.cacheSize > 0 ? new LRUCache<string, RankedList>({ max: config.cacheSize }) : null;
  const issued = createIssuedLists(strapi);
  /** Lists answered from the cache, and ranked afresh (a new caller, profile, model or content). */
  const cacheStats = { hits: 0, misses: 0 };
  const retentionMs = config.listRetentionDays * DAY_MS;
  const listSecret = listSecretOf(strapi);
  const modelFor = modelStore(strapi, config, data);

  const service = {
    /** The current model of a type, rebuilt (once, however many requests wait) when stale. */
    modelFor,

    /** The ranked list of `uid` for a caller (or for nobody: the popularity list). */
    async rank(uid: string, caller: RankFor, limit: number): Promise<RankedList> {
      const loaded = await modelFor(uid);
      const who = caller.key ?? 'anonymous';
      const key = [
        uid,
        `c${loaded.contentRevision}`,
        `m${loaded.id}`,
        who,
        `p${profileRevision(caller.profile)}`,
        limit,
      ].join('|');
      const cached = lists?.get(key);
      if (cached) {
        cacheStats.hits += 1;
        const now = Date.now();
        if (now - cached.issuedAt > retentionMs / 2) {
          await issued.record(cached.list, uid, itemIds(cached.items), now);
          cached.issuedAt = now;
        }
        return cached;
      }
      cacheStats.misses += 1;
      const list = `rec-${createHmac('sha256', listSecret).update(key).digest('hex').slice(0, 16)}`;
      const history = caller.key ? await data.historyOf(uid, caller.key) : [];
      const items = recommend(
        loaded.model,
        {
          key: who,
          engaged: history,
          affinities: caller.key ? (caller.profile?.affinities ?? {}) : {},
        },
        { limit, listId: list }
      );
      const issuedAt = Date.now();
      await issued.record(list, uid, itemIds(items), issuedAt);
      const ranked = { list, items, issuedAt };
      lists?.set(key, ranked);
      return ranked;
    },

    /** The catalogue and logged interactions of a type, for `eval:recommendations --from-db`. */
    async evaluationData(
      uid: string
    ): Promise<{ catalogue: CatalogueItem[]; interactions: Interaction[] }> {
      const [catalogue, interactions] = await Promise.all([
        data.catalogue(uid),
        data.interactions(uid, Date.now() - config.windowDays * DAY_MS),
      ]);
      return { catalogue, interactions };
    },

    /** Ranked-list cache hits and misses since boot. */
    cacheStats: (): { hits: number; misses: number } => ({ ...cacheStats }),

    /** The issued lists events are attributed against, and the attribution counts. */
    issuedLists: issued,

    /** Whether the caller's users-permissions role may list `uid` (cached 5 s per role). */
    mayRead: createReadAccess(strapi),
  };
  return service;
};

export type RecommendationsService = ReturnType<typeof createRecommendationsService>;
export default createRecommendationsService;
