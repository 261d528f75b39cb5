import type { Core, UID } from '@strapi/strapi';
import { LRUCache } from 'lru-cache';
import {
  createReadRevisions,
  deepFreeze,
  isCurrent,
  stableStringify,
  type TypeRevision,
} from '../core/response-cache';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';
import { BASE_READS, type Entry, type KoaRequestContext, type VariantStep } from './delivery';

const CACHED_ACTIONS = ['find', 'findOne'] as const;

/** What a core REST read answers: `{ data, meta }`, data sanitized for the caller's role. */
interface Body {
  data: Entry[] | Entry | null;
  meta?: unknown;
}

interface Kept {
  body: Body;
  /** The document-service params behind the answer (fields, populate, locale, status). */
  params: Record<string, unknown>;
  revisions: TypeRevision[];
}

export interface AuthState {
  strategy?: { name?: string };
  credentials?: { id?: unknown; role?: { id?: unknown } | null } | null;
}

export interface RestContext extends KoaRequestContext {
  method: string;
  query: Record<string, unknown>;
  params: Record<string, unknown>;
  state: KoaRequestContext['state'] & { auth?: AuthState };
}

type Action = (ctx: RestContext) => Promise<unknown>;

const isBody = (value: unknown): value is Body =>
  value !== null && typeof value === 'object' && 'data' in value;

/**
 * Who the answer was sanitized for: the output sanitizer removes what the caller's role or API
 * token may not read, so callers share an answer only within one of them. Null: not cached.
 */
const scopeOf = (auth: AuthState | undefined): string | null => {
  const strategy = auth?.strategy?.name;
  if (!strategy) return null;
  const credentials = auth?.credentials;
  if (!credentials) return `${strategy}:public`;
  if (credentials.role?.id !== undefined) return `${strategy}:role:${String(credentials.role.id)}`;
  return credentials.id === undefined ? null : `${strategy}:id:${String(credentials.id)}`;
};

/**
 * Runs the action with its document-service reads answering base entries, noting the params
 * and the revisions they read (null params: delivery saw no read, the answer is as it is).
 */
const loadBaseAnswer = async (
  strapi: Core.Strapi,
  uid: string,
  ctx: RestContext,
  action: () => Promise<unknown>
) => {
  const revisions = createReadRevisions((type) => getService(strapi, 'contentRevisions').get(type));
  let params: Record<string, unknown> | undefined;
  ctx.state[BASE_READS] = {
    observe(readUid, readAction, readParams) {
      revisions.note(getService(strapi, 'responseCache').trackedTypesOf(readUid, readParams));
      if (readUid === uid && readAction !== 'count') params = readParams;
    },
  };
  try {
    const body = await action();
    return { body, params, snapshot: revisions.snapshot() };
  } finally {
    delete ctx.state[BASE_READS];
  }
};

/**
 * The output sanitizer for `auth`, keeping what it returns per role (or token), type revision
 * and the read's fields when the read populates nothing (populated relations are other types).
 * The revision is taken now, before the content is loaded: content loaded after a write lands
 * under an older key, never read again.
 */
const createSanitizers =
  (strapi: Core.Strapi, enabled: boolean, sanitized: LRUCache<string, Record<string, unknown>>) =>
  (uid: string, auth: AuthState | undefined, params: Record<string, unknown>): VariantStep => {
    const model = strapi.getModel(uid as UID.ContentType);
    const scope = auth ? scopeOf(auth) : 'no-auth';
    const { fields, populate, locale, status } = params;
    const keep = enabled && scope !== null && (populate === undefined || populate === null);
    const prefix = stableStringify({
      scope,
      uid,
      revision: getService(strapi, 'contentRevisions').get(uid),
      fields,
      locale,
      status,
    });
    return async (content) => {
      const key = keep ? `${prefix}|${String(content.documentId)}` : undefined;
      const known = key ? sanitized.get(key) : undefined;
      if (known) return known;
      const clean = deepFreeze(
        (await strapi.contentAPI.sanitize.output(content, model, { auth })) as Record<
          string,
          unknown
        >
      );
      if (key) sanitized.set(key, clean);
      return clean;
    };
  };

/**
 * The REST response cache, in front of the `find` and `findOne` actions of every type delivery
 * personalizes: it keeps the controller's sanitized base answer (validation, query sanitizing,
 * the database and output sanitizing all skipped on a hit) per query and role, valid while the
 * revisions of every type the answer read are unchanged, and applies the caller's decision on
 * top through delivery, as a read without the cache would (delivery copies what it changes; the
 * kept answers are frozen). In process; the document-level response cache below it is the one
 * shared through Redis.
 */
const createRestResponseCacheService = ({ strapi }: { strapi: Core.Strapi }) => {
  const { cache: config } = getPluginConfig(strapi);
  const enabled = config.enabled && config.responses.enabled;
  const kept = new LRUCache<string, Kept>({ max: config.responses.maxEntries, ttl: config.ttlMs });
  /** Entries as the output sanitizer left them, per role, type revision and fields. */
  const sanitized = new LRUCache<string, Record<string, unknown>>({
    max: config.responses.maxEntries * 10,
    ttl: config.ttlMs,
  });
  const stats = { hits: 0, misses: 0 };
  const revisionOf = (uid: string) => getService(strapi, 'contentRevisions').get(uid);

  const loadBase = (uid: string, ctx: RestContext, action: () => Promise<unknown>) =>
    loadBaseAnswer(strapi, uid, ctx, action);
  const sanitizerFor = createSanitizers(strapi, enabled, sanitized);

  const personalized = async (uid: string, entry: Kept, ctx: RestContext): Promise<Body> => {
    const body = entry.body;
    if (body.data === null) return body;
    const data = await getService(strapi, 'delivery').personalizeAnswer(
      uid,
      body.data,
      entry.params,
      ctx,
      sanitizerFor(uid, ctx.state.auth, entry.params)
    );
    return { ...body, data };
  };

  const cached =
    (uid: string, name: string, action: Action): Action =>
    async (ctx) => {
      const scope = scopeOf(ctx.state.auth);
      if (!enabled || ctx.method !== 'GET' || scope === null || strapi.db.inTransaction()) {
        return action(ctx);
      }
      const key = stableStringify({ uid, name, scope, id: ctx.params?.id, query: ctx.query });
      const found = kept.get(key);
      if (found && isCurrent(found.revisions, revisionOf)) {
        stats.hits += 1;
        return personalized(uid, found, ctx);
      }
      stats.misses += 1;
      const loaded = await loadBase(uid, ctx, () => action(ctx));
      if (!loaded.params || !isBody(loaded.body) || loaded.body.data === null) return loaded.body;
      const answer = {
        body: deepFreeze(loaded.body),
        params: loaded.params,
        revisions: loaded.snapshot ?? [],
      };
      // Kept only when every read was at one revision of tracked types (media is not).
      if (loaded.snapshot) kept.set(key, answer);
      return personalized(uid, answer, ctx);
    };

  return {
    /**
     * Wraps the read actions of the types delivery personalizes. Runs at register: routes bind
     * their controller actions when the server starts routing, before the plugin's bootstrap.
     */
    register(): void {
      if (!enabled) return;
      for (const { uid } of getService(strapi, 'optIns').list()) {
        if (!getService(strapi, 'delivery').personalizes(uid)) continue;
        // Its actions are wrapped with the plugin's narrower RestContext, not Koa's full Context.
        const controller = strapi.controller(uid as UID.Controller) as unknown as Record<
          string,
          unknown
        >;
        for (const name of CACHED_ACTIONS) {
          const action = controller?.[name];
          if (typeof action === 'function') {
            controller[name] = cached(uid, name, (ctx) => (action as Action).call(controller, ctx));
          }
        }
      }
    },

    sanitizerFor,

    stats: () => ({ ...stats, size: kept.size, enabled }),
  };
};

export type RestResponseCacheService = ReturnType<typeof createRestResponseCacheService>;
export default createRestResponseCacheService;
