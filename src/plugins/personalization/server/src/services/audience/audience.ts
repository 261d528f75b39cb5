import type { Core } from '@strapi/strapi';
import type { Snapshot } from '../../core/changes/change-registry';
import { LRUCache } from 'lru-cache';
import type { Consent } from '../../core/audience/consent/consent';
import type { ProfileView } from '../../core/audience/profiles/types';
import type { CallerInput } from '../../core/templates';
import { getPluginConfig } from '../../utils/get-plugin-config';
import { getService } from '../../utils/get-service';
import type { StoredCaller } from './identity';

/** What delivery needs to know about a caller before choosing variants. */
export interface AudienceContext extends StoredCaller {
  consent: Consent;
  /** Null without a stored profile. */
  profile: ProfileView | null;
  segments: string[];
}

/**
 * The read side of the audience for content requests: consent, profile view and segments of a
 * caller, cached briefly per instance (cacheTtlMs) and dropped when this instance stores events
 * for the caller.
 */
const createAudienceService = ({ strapi }: { strapi: Core.Strapi }) => {
  const { cacheTtlMs } = getPluginConfig(strapi).audience.profiles;
  const cache =
    cacheTtlMs > 0 ? new LRUCache<string, AudienceContext>({ max: 20_000, ttl: cacheTtlMs }) : null;

  const load = async (stored: StoredCaller): Promise<AudienceContext> => {
    const [consent, profile, segments] = await Promise.all([
      getService(strapi, 'consents').get(stored.key),
      getService(strapi, 'profiles').get(stored.key),
      getService(strapi, 'segments').forCaller(stored.key),
    ]);
    return {
      ...stored,
      consent: { personalization: consent.personalization, analytics: consent.analytics },
      profile: profile ? getService(strapi, 'profiles').view(profile) : null,
      segments,
    };
  };

  return {
    /** Null for a caller with neither a user nor a visitor id (traits alone are not stored). */
    async contextFor(caller: CallerInput): Promise<AudienceContext | null> {
      const stored = await getService(strapi, 'audienceIdentity').resolve(caller);
      if (!stored) return null;
      const cached = cache?.get(stored.key);
      if (cached) return cached;
      const context = await load(stored);
      cache?.set(stored.key, context);
      return context;
    },

    invalidate(key: string): void {
      cache?.delete(key);
    },

    clear(): void {
      cache?.clear();
    },

    /** Cached contexts name segments: a segment change (here or elsewhere) drops them all. */
    snapshot: {
      kind: 'segments',
      reload: () => {
        cache?.clear();
      },
    } satisfies Snapshot,
  };
};

export type AudienceService = ReturnType<typeof createAudienceService>;
export default createAudienceService;
