import type { Core } from '@strapi/strapi';
import type { ProfileEvent } from '../../core/audience/events/types';
import { applyEvents, emptyProfile } from '../../core/audience/profiles/apply-events';
import { profileView } from '../../core/audience/profiles/profile-view';
import type { Profile, ProfileView } from '../../core/audience/profiles/types';
import { getPluginConfig } from '../../utils/get-plugin-config';
import { AUDIENCE_TABLES, toNumber, type Knex } from '../../tables/audience';

/** Whose profile a key holds: a signed-in user's or an anonymous visitor's. */
export type Subject = 'user' | 'visitor';

interface EventRow {
  type: ProfileEvent['type'];
  value: number | null;
  occurred_at: number | string;
  session_id: string;
  tags: string;
  device: string | null;
}

const parse = (data: string | null | undefined): Profile | null =>
  data ? { ...emptyProfile(), ...(JSON.parse(data) as Partial<Profile>) } : null;

const write = async (db: Knex, key: string, subject: Subject, profile: Profile) => {
  await db(AUDIENCE_TABLES.profiles)
    .insert({ caller_key: key, subject, data: JSON.stringify(profile), updated_at: Date.now() })
    .onConflict('caller_key')
    .merge(['subject', 'data', 'updated_at']);
};

const profileEvent = (row: EventRow): ProfileEvent => ({
  type: row.type,
  value: row.value === null ? null : Number(row.value),
  time: toNumber(row.occurred_at),
  sessionId: row.session_id,
  tags: JSON.parse(row.tags) as string[],
  device: row.device,
});

/** PostgreSQL: the caller's profile, its row locked for the transaction (created when missing). */
const lockedProfile = async (trx: Knex, key: string, subject: Subject): Promise<Profile | null> => {
  const locked = () =>
    trx(AUDIENCE_TABLES.profiles).where({ caller_key: key }).forUpdate().first('data') as Promise<
      { data: string } | undefined
    >;
  let row = await locked();
  if (!row) {
    // A new caller: make the row first so a concurrent first batch waits on its lock.
    await trx(AUDIENCE_TABLES.profiles)
      .insert({
        caller_key: key,
        subject,
        data: JSON.stringify(emptyProfile()),
        updated_at: Date.now(),
      })
      .onConflict('caller_key')
      .ignore();
    row = await locked();
  }
  return parse(row?.data);
};

/** Stored profiles: read, updated with new events inside the caller's transaction, rebuilt by replay. */
const createProfilesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const options = { halfLifeDays: getPluginConfig(strapi).audience.profiles.halfLifeDays };
  const isPostgres = () => strapi.db.dialect.client === 'postgres';

  const service = {
    options: () => options,

    async get(key: string, db: Knex = strapi.db.connection): Promise<Profile | null> {
      const row = (await db(AUDIENCE_TABLES.profiles).where({ caller_key: key }).first('data')) as
        | { data: string }
        | undefined;
      return parse(row?.data);
    },

    view: (profile: Profile, now = Date.now()): ProfileView => profileView(profile, now, options),

    /**
     * Adds events to a caller's profile inside the transaction `trx`. On PostgreSQL the row is
     * locked first, so two batches of one caller arriving together both count.
     */
    async addEvents(
      trx: Knex,
      key: string,
      subject: Subject,
      events: readonly ProfileEvent[]
    ): Promise<Profile> {
      let current: Profile | null;
      if (isPostgres()) {
        current = await lockedProfile(trx, key, subject);
      } else {
        // SQLite runs one transaction at a time: nothing can interleave.
        current = await service.get(key, trx);
      }
      const next = applyEvents(current ?? emptyProfile(), events, options);
      await write(trx, key, subject, next);
      return next;
    },

    /** Recomputes a profile from the caller's stored events (after two histories were merged). */
    async rebuild(trx: Knex, key: string, subject: Subject): Promise<Profile | null> {
      const rows = (await trx(AUDIENCE_TABLES.events)
        .where({ caller_key: key })
        .orderBy([{ column: 'occurred_at' }, { column: 'id' }])
        .select('type', 'value', 'occurred_at', 'session_id', 'tags', 'device')) as EventRow[];
      if (rows.length === 0) {
        await trx(AUDIENCE_TABLES.profiles).where({ caller_key: key }).delete();
        return null;
      }
      const profile = applyEvents(emptyProfile(), rows.map(profileEvent), options);
      await write(trx, key, subject, profile);
      return profile;
    },

    /** Every stored profile, page by page (clustering, segment re-evaluation). */
    async *all(
      pageSize = 500
    ): AsyncGenerator<Array<{ key: string; subject: Subject; profile: Profile }>> {
      let after = '';
      for (;;) {
        const rows = (await strapi.db
          .connection(AUDIENCE_TABLES.profiles)
          .where('caller_key', '>', after)
          .orderBy('caller_key')
          .limit(pageSize)
          .select('caller_key', 'subject', 'data')) as Array<{
          caller_key: string;
          subject: Subject;
          data: string;
        }>;
        if (rows.length === 0) return;
        yield rows.map((row) => ({
          key: row.caller_key,
          subject: row.subject,
          profile: parse(row.data) ?? emptyProfile(),
        }));
        after = rows[rows.length - 1].caller_key;
        if (rows.length < pageSize) return;
      }
    },
  };
  return service;
};

export type ProfilesService = ReturnType<typeof createProfilesService>;
export default createProfilesService;
