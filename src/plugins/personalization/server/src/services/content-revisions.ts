import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';

interface DocumentContext {
  uid: string;
  action: string;
}

const WRITE_ACTIONS = new Set([
  'create',
  'update',
  'delete',
  'publish',
  'unpublish',
  'discardDraft',
]);

/**
 * A counter per content type that moves on every write (entries, variants, tags), here or, through
 * Redis, on another instance. Delivery keys its content caches with it, so a write empties them.
 */
const createContentRevisionsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const revisions = new Map<string, number>();
  const bumpLocally = (uid: string) => revisions.set(uid, (revisions.get(uid) ?? 0) + 1);

  const middleware = async (context: DocumentContext, next: () => Promise<unknown>) => {
    const result = await next();
    if (WRITE_ACTIONS.has(context.action) && getService(strapi, 'optIns').get(context.uid)) {
      service.bump(context.uid);
    }
    return result;
  };

  const service = {
    register(): void {
      strapi.documents.use(middleware as unknown as Parameters<typeof strapi.documents.use>[0]);
    },

    get: (uid: string): number => revisions.get(uid) ?? 0,

    /** A local write: move the revision and tell the other instances. */
    bump(uid: string): void {
      bumpLocally(uid);
      getService(strapi, 'cache').changed('content', uid);
    },

    /** Another instance wrote to this type. */
    applyRemote: bumpLocally,
  };
  return service;
};

export type ContentRevisionsService = ReturnType<typeof createContentRevisionsService>;
export default createContentRevisionsService;
