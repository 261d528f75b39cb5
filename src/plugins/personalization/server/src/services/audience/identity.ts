import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { callerKey, type AudienceCaller } from '../../core/audience/identity/caller-key';
import type { CallerInput } from '../../core/templates';
import { getPluginConfig } from '../../utils/get-plugin-config';
import type { Subject } from './profiles';
import { AUDIENCE_TABLES, type Knex } from '../../tables/audience';

/** The pseudonymous key a caller's rows are stored under, and whether it is a user's. */
export interface StoredCaller {
  key: string;
  subject: Subject;
}

/**
 * Pseudonymous keys of callers. A request acts on the rows of the caller it proves: the JWT user,
 * else the visitor id alone. A visitor id linked to a user by `POST /identify` never stands for that
 * user (anyone who learns a visitor id could otherwise read or change the user's data); the links
 * only say which visitor keys a user's erasure also removes and who may link a visitor again.
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

  const service = {
    keyOf: (caller: AudienceCaller): string => callerKey(secret, caller),

    /** Whose rows a caller's are: the user's if authenticated, else the visitor's own. */
    async resolve(caller: CallerInput): Promise<StoredCaller | null> {
      if (caller.user) {
        return {
          key: service.keyOf({ kind: 'user', id: String(caller.user.id) }),
          subject: 'user',
        };
      }
      if (!caller.visitorId) return null;
      return { key: service.keyOf({ kind: 'visitor', id: caller.visitorId }), subject: 'visitor' };
    },

    /** Every key that belongs to a user: their own and those of visitors linked to them. */
    async keysOfUser(
      userId: string,
      db: Knex = strapi.db.connection
    ): Promise<{ userKey: string; visitorKeys: string[] }> {
      const userKey = service.keyOf({ kind: 'user', id: userId });
      const rows = (await db(AUDIENCE_TABLES.identities)
        .where({ user_key: userKey })
        .select('visitor_key')) as Array<{ visitor_key: string }>;
      return { userKey, visitorKeys: rows.map((row) => row.visitor_key) };
    },
  };
  return service;
};

export type AudienceIdentityService = ReturnType<typeof createAudienceIdentityService>;
export default createAudienceIdentityService;
