import type { Core } from '@strapi/strapi';
import { readOptIns, type ContentTypeShape, type OptIn } from '../core/opt-in';

/**
 * Reads and validates every content type's `pluginOptions.personalization` once, at register time,
 * so a wrong opt-in stops boot; the other services ask this one which types opted in.
 */
const createOptInsService = ({ strapi }: { strapi: Core.Strapi }) => {
  let optIns: OptIn[] | null = null;

  const contentTypeShapes = (): ContentTypeShape[] =>
    Object.entries(strapi.contentTypes).map(([uid, contentType]) => ({
      uid,
      attributes: contentType.attributes as ContentTypeShape['attributes'],
      pluginOptions: contentType.pluginOptions as ContentTypeShape['pluginOptions'],
    }));

  return {
    /** Validates all opt-ins; throws an OptInError listing every problem. */
    load(): OptIn[] {
      optIns = readOptIns(contentTypeShapes());
      return optIns;
    },

    list(): OptIn[] {
      return optIns ?? this.load();
    },

    get(uid: string): OptIn | undefined {
      return this.list().find((optIn) => optIn.uid === uid);
    },
  };
};

export type OptInsService = ReturnType<typeof createOptInsService>;
export default createOptInsService;
