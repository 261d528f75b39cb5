import type { Core } from '@strapi/strapi';
import { getService } from '../../utils/get-service';
import { PRIVACY_TABLES } from '../../tables/privacy';
import { AUDIENCE_TABLES } from '../../tables/audience';

/** The visitor id is already linked to another user: linking it again would hand over their history. */
export class VisitorClaimedError extends Error {
  constructor() {
    super('X-Visitor-Id is already linked to another user');
    this.name = 'VisitorClaimedError';
  }
}

export interface StitchResult {
  /** Visitor events now counted for the user. */
  moved: number;
  /** Visitor events the user already had under the same client id: kept once. */
  duplicates: number;
}

/**
 * Session stitching: links a visitor id to the user who signed in with it. The visitor's events
 * move to the user (an event both sent is kept once), the user's profile is rebuilt from the merged
 * events so nothing is counted twice. A visitor id links to one user only: another user's attempt
 * is a VisitorClaimedError. Later requests with the visitor id alone still act on the visitor only.
 */
const createStitchingService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async link(userId: string, visitorId: string): Promise<StitchResult> {
    const identity = getService(strapi, 'audienceIdentity');
    const userKey = identity.keyOf({ kind: 'user', id: userId });
    const visitorKey = identity.keyOf({ kind: 'visitor', id: visitorId });
    const { events, profiles, consents, identities, segmentMembers } = AUDIENCE_TABLES;

    const result = await strapi.db.connection.transaction(async (trx) => {
      // Insert-or-keep, then read: on PostgreSQL a concurrent link of the same visitor waits for
      // this transaction and then sees its row.
      await trx(identities)
        .insert({ visitor_key: visitorKey, user_key: userKey, linked_at: Date.now() })
        .onConflict('visitor_key')
        .ignore();
      const link = (await trx(identities).where({ visitor_key: visitorKey }).first('user_key')) as
        | { user_key: string }
        | undefined;
      if (link?.user_key !== userKey) throw new VisitorClaimedError();
      await trx(identities).where({ visitor_key: visitorKey }).update({ linked_at: Date.now() });

      const userEventIds = trx(events).where({ caller_key: userKey }).select('event_id');
      const duplicates = Number(
        await trx(events)
          .where({ caller_key: visitorKey })
          .whereIn('event_id', userEventIds)
          .delete()
      );
      const moved = Number(
        await trx(events).where({ caller_key: visitorKey }).update({ caller_key: userKey })
      );

      // The visitor's answer stands for the user until the user answers themselves.
      const visitorConsent = await trx(consents).where({ caller_key: visitorKey }).first();
      const userConsent = await trx(consents).where({ caller_key: userKey }).first();
      if (visitorConsent && !userConsent) {
        await trx(consents).where({ caller_key: visitorKey }).update({ caller_key: userKey });
      } else {
        await trx(consents).where({ caller_key: visitorKey }).delete();
      }
      // The visitor's consent answers are the user's history now (the same person, by possession).
      await trx(PRIVACY_TABLES.consentHistory)
        .where({ caller_key: visitorKey })
        .update({ caller_key: userKey });
      await trx(profiles).where({ caller_key: visitorKey }).delete();
      await trx(segmentMembers).where({ caller_key: visitorKey }).delete();

      if (moved > 0) {
        const profile = await getService(strapi, 'profiles').rebuild(trx, userKey, 'user');
        if (profile)
          await getService(strapi, 'segments').refreshMember(trx, userKey, profile, true);
      }
      return { moved, duplicates };
    });

    getService(strapi, 'audience').invalidate(visitorKey);
    getService(strapi, 'audience').invalidate(userKey);
    return result;
  },
});

export type StitchingService = ReturnType<typeof createStitchingService>;
export default createStitchingService;
