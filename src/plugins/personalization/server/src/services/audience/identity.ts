import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { LRUCache } from 'lru-cache';
import { callerKey, type AudienceCaller } from '../../core/audience/identity/caller-key';
import type { CallerInput } from '../../core/templates';
import { getPluginConfig } from '../../utils/get-plugin-config';
import type { Subject } from './profiles';
import { AUDIENCE_TABLES } from './tables';

/** The pseudonymous key a caller's rows are stored under, and whether it is a user's. */
export interface StoredCaller {
  key: string;
  subject: Subject;
}

/**
 * Pseudonymous keys of callers, and the visitor → user links made by `POST /identify`: once a
 * visitor is linked, what they do as that visitor counts for the user.
 */
const createAudienceIdentityService = ({ strapi }: { strapi: Core.Strapi }) => {
  const configured = getPluginConfig(strapi).audience.secret;
  const appKeys = (strapi.config.get('server.app.keys') as string[] | undefined) ?? [];
  // Without a configured secret, one derived from the app keys: stable across restarts and instances.
  const secret =
    configured ??
    createHash('sha256')
      .update(`personalization-audience:${appKeys.join(',')}`)
      .digest('hex');
  const links = new LRUCache<string, string | false>({ max: 10_000, ttl: 60_000 });
  const knex = () => strapi.db.connection;

  const service = {
    keyOf: (caller: AudienceCaller): string => callerKey(secret, caller),

    /** Whose rows a caller's are: the user; else the visitor, or the user it was linked to. */
    async resolve(caller: CallerInput): Promise<StoredCaller | null> {
      if (caller.user) {
        return {
          key: service.keyOf({ kind: 'user', id: String(caller.user.id) }),
          subject: 'user',
        };
      }
      if (!caller.visitorId) return null;
      const visitorKey = service.keyOf({ kind: 'visitor', id: caller.visitorId });
      let linked = links.get(visitorKey);
      if (linked === undefined) {
        const row = (await knex()(AUDIENCE_TABLES.identities)
          .where({ visitor_key: visitorKey })
          .first('user_key')) as { user_key: string } | undefined;
        linked = row?.user_key ?? false;
        links.set(visitorKey, linked);
      }
      return linked ? { key: linked, subject: 'user' } : { key: visitorKey, subject: 'visitor' };
    },

    /** Every key that belongs to a user: their own and those of visitors linked to them. */
    async keysOfUser(userId: string): Promise<{ userKey: string; visitorKeys: string[] }> {
      const userKey = service.keyOf({ kind: 'user', id: userId });
      const rows = (await knex()(AUDIENCE_TABLES.identities)
        .where({ user_key: userKey })
        .select('visitor_key')) as Array<{ visitor_key: string }>;
      return { userKey, visitorKeys: rows.map((row) => row.visitor_key) };
    },

    forget(visitorKey: string): void {
      links.delete(visitorKey);
    },
  };
  return service;
};

export type AudienceIdentityService = ReturnType<typeof createAudienceIdentityService>;
export default createAudienceIdentityService;
