import { createAdminUser, adminLogin, superAdminRoleId } from '../helpers/admin-users';
import { createFullAccessToken } from '../helpers/api-token';
import {
  AUDIENCE_TABLE_NAMES,
  articlesOf,
  audienceCalls,
  registerUser,
  viewEvent,
} from '../helpers/audience';
import { managementApi } from '../helpers/rules';
import { startStrapi, type TestApp } from '../helpers/strapi';

const USER_UID = 'plugin::users-permissions.user';
const ASSIGNMENTS = 'personalization_experiment_assignments';
const EXPOSURES = 'personalization_experiment_exposures';

/**
 * Who an audience request may act on (issue 11, defect 5) and erasure by user id: a visitor id is
 * linked to a user only by the user who holds it, and a visitor id alone never stands for a user.
 */
describe('audience identity: linking by possession, visitor isolation, user erasure', () => {
  let app: TestApp;
  let api: ReturnType<typeof managementApi>;
  let articles: string[];

  beforeAll(async () => {
    app = await startStrapi({ env: { PERSONALIZATION_CONSENT_DEFAULT_ANALYTICS: 'true' } });
    api = managementApi(app, await createFullAccessToken(app.strapi));
    articles = await articlesOf(app.strapi, 'sports');
  });

  afterAll(async () => {
    await app?.destroy();
  });

  const keyOf = (caller: { kind: 'user' | 'visitor'; id: string }): string =>
    app.strapi.plugin('personalization').service('audienceIdentity').keyOf(caller) as string;

  const rowsOf = async (table: string, column: string, key: string): Promise<number> => {
    const [row] = (await app.strapi.db
      .connection(table)
      .where({ [column]: key })
      .count({ rows: '*' })) as Array<{ rows: number | string }>;
    return Number(row.rows);
  };

  /** Audience and experiment rows stored under a key (identity links by either side). */
  const everyRowOf = async (key: string): Promise<number> => {
    let total = 0;
    for (const table of [...AUDIENCE_TABLE_NAMES, ASSIGNMENTS, EXPOSURES]) {
      if (table === 'personalization_identities') {
        total += (await rowsOf(table, 'user_key', key)) + (await rowsOf(table, 'visitor_key', key));
      } else {
        total += await rowsOf(table, 'caller_key', key);
      }
    }
    return total;
  };

  describe('POST /identify', () => {
    it('refuses a visitorId in the body, naming it, and links nothing', async () => {
      const user = await registerUser(app, 'body-claimer');
      const response = await audienceCalls(app, { visitorId: 'own-device', jwt: user.jwt })
        .identify({ visitorId: 'someone-else' })
        .expect(400);
      expect(response.body.error.message).toMatch(/^visitorId: .*X-Visitor-Id/);
      const userKey = keyOf({ kind: 'user', id: String(user.id) });
      expect(await rowsOf('personalization_identities', 'user_key', userKey)).toBe(0);
    });

    it('needs the visitor id in the X-Visitor-Id header', async () => {
      const user = await registerUser(app, 'no-header');
      const response = await audienceCalls(app, { jwt: user.jwt }).identify().expect(400);
      expect(response.body.error.message).toMatch(/X-Visitor-Id/);
    });

    it('answers 409 when the visitor id is already linked to another user, and keeps the link', async () => {
      const owner = await registerUser(app, 'device-owner');
      const claimer = await registerUser(app, 'device-claimer');
      const visitor = audienceCalls(app, { visitorId: 'shared-device' });
      await visitor.events([viewEvent('v1', articles[0])]).expect(202);
      await audienceCalls(app, { visitorId: 'shared-device', jwt: owner.jwt })
        .identify()
        .expect(200);

      const refused = await audienceCalls(app, { visitorId: 'shared-device', jwt: claimer.jwt })
        .identify()
        .expect(409);
      expect(refused.body.error).toMatchObject({ status: 409, name: 'ConflictError' });
      expect(refused.body.error.message).toMatch(/already linked to another user/);
      const claimerMe = await audienceCalls(app, { jwt: claimer.jwt }).me().expect(200);
      expect(claimerMe.body.data.profile).toBeNull();
      const link = (await app.strapi.db
        .connection('personalization_identities')
        .where({ visitor_key: keyOf({ kind: 'visitor', id: 'shared-device' }) })
        .first('user_key')) as { user_key: string };
      expect(link.user_key).toBe(keyOf({ kind: 'user', id: String(owner.id) }));

      // The owner signing in again on the same device links it again and moves what came since.
      await visitor.events([viewEvent('v2', articles[1])]).expect(202);
      const again = await audienceCalls(app, { visitorId: 'shared-device', jwt: owner.jwt })
        .identify()
        .expect(200);
      expect(again.body.data).toEqual({ moved: 1, duplicates: 0 });
    });
  });

  describe('a request with only a visitor id', () => {
    let user: { id: number; jwt: string };
    const asVisitor = () => audienceCalls(app, { visitorId: 'linked-device' });
    const asUser = () => audienceCalls(app, { jwt: user.jwt });

    beforeAll(async () => {
      user = await registerUser(app, 'linked-user');
      // A visitor-only read before the link: nothing it caches may outlive the link.
      await asVisitor().me().expect(200);
      await asVisitor().consent({ analytics: true, personalization: true }).expect(200);
      await asVisitor()
        .events([viewEvent('l1', articles[0]), viewEvent('l2', articles[1])])
        .expect(202);
      await audienceCalls(app, { visitorId: 'linked-device', jwt: user.jwt })
        .identify()
        .expect(200);
      await asUser().me().expect(200);
    });

    it('does not read the linked user’s profile or consent on GET /me', async () => {
      const me = await asVisitor().me().expect(200);
      expect(me.body.data).toMatchObject({ subject: 'visitor', profile: null, segments: [] });
      const mine = await asUser().me().expect(200);
      expect(mine.body.data).toMatchObject({ subject: 'user', profile: { visits: 2 } });
    });

    it('changes only the visitor’s consent on PUT /consent', async () => {
      await asVisitor().consent({ personalization: false, analytics: false }).expect(200);
      const mine = await asUser().me().expect(200);
      expect(mine.body.data.consent).toEqual({ personalization: true, analytics: true });
      const theirs = await asVisitor().me().expect(200);
      expect(theirs.body.data.consent).toEqual({ personalization: false, analytics: false });
      await asVisitor().consent({ analytics: true }).expect(200);
    });

    it('stores events for the visitor, not the user', async () => {
      const stored = await asVisitor()
        .events([viewEvent('l3', articles[2])])
        .expect(202);
      expect(stored.body.data.accepted).toBe(1);
      expect((await asUser().me().expect(200)).body.data.profile.visits).toBe(2);
      expect((await asVisitor().me().expect(200)).body.data.profile.visits).toBe(1);
      expect(
        await rowsOf(
          'personalization_events',
          'caller_key',
          keyOf({ kind: 'visitor', id: 'linked-device' })
        )
      ).toBe(1);
      // A read through the content API counts as the visitor's view too.
      await asVisitor().get(`/api/articles/${articles[3]}`).expect(200);
      expect((await asVisitor().me().expect(200)).body.data.profile.visits).toBe(2);
      expect((await asUser().me().expect(200)).body.data.profile.visits).toBe(2);
    });
  });

  describe('erasure by user id', () => {
    /** A user with a profile, consent, a linked visitor and an experiment assignment and exposure. */
    const userWithData = async (username: string) => {
      const user = await registerUser(app, username);
      const caller = audienceCalls(app, { jwt: user.jwt });
      await caller.consent({ analytics: true }).expect(200);
      await caller.events([viewEvent(`${username}-1`, articles[0])]).expect(202);
      await audienceCalls(app, { visitorId: `${username}-device`, jwt: user.jwt })
        .identify()
        .expect(200);
      const key = keyOf({ kind: 'user', id: String(user.id) });
      const now = Date.now();
      await app.strapi.db
        .connection(ASSIGNMENTS)
        .insert({ experiment_id: 'exp-erasure', caller_key: key, arm: 'a', assigned_at: now });
      await app.strapi.db.connection(EXPOSURES).insert({
        experiment_id: 'exp-erasure',
        phase: 1,
        caller_key: key,
        arm: 'a',
        exposed_at: now,
      });
      expect(await everyRowOf(key)).toBe(6);
      return { ...user, key };
    };

    it('treats a user id with leading zeros as the same user', async () => {
      const user = await userWithData('zero-padded');
      await api('get', `/profiles?userId=00${user.id}`).expect(200);
      const erased = await api('delete', `/users/0${user.id}`).expect(200);
      expect(erased.body.data).toEqual({
        events: 1,
        profiles: 1,
        consents: 1,
        consentHistory: 2,
        segments: 0,
        identities: 1,
        experiments: 2,
      });
      expect(await everyRowOf(user.key)).toBe(0);
      await api('get', `/profiles?userId=${user.id}`).expect(404);
    });

    it('erases a users-permissions user’s rows when the content manager deletes the user', async () => {
      const user = await userWithData('cm-deleted');
      const visitorKey = keyOf({ kind: 'visitor', id: 'cm-deleted-device' });
      const credentials = { email: 'erasure-admin@example.com', password: 'Adm1nPassw0rd!' };
      await createAdminUser(app.strapi, credentials, [await superAdminRoleId(app.strapi)]);
      const token = await adminLogin(app, credentials);
      const { documentId } = (await app.strapi.db
        .query(USER_UID)
        .findOne({ where: { id: user.id }, select: ['documentId'] })) as { documentId: string };

      await app
        .http()
        .delete(`/content-manager/collection-types/${USER_UID}/${documentId}`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(await app.strapi.db.query(USER_UID).findOne({ where: { id: user.id } })).toBeNull();
      expect(await everyRowOf(user.key)).toBe(0);
      expect(await rowsOf('personalization_identities', 'visitor_key', visitorKey)).toBe(0);
    });

    it('erases them when users-permissions’ DELETE /api/users/:id deletes the user', async () => {
      const user = await userWithData('api-deleted');
      const role = (await app.strapi.db
        .query('plugin::users-permissions.role')
        .findOne({ where: { type: 'authenticated' } })) as { id: number };
      await app.strapi.db.query('plugin::users-permissions.permission').create({
        data: { action: 'plugin::users-permissions.user.destroy', role: role.id },
      });
      const other = await userWithData('api-kept');

      await app
        .http()
        .delete(`/api/users/${user.id}`)
        .set('Authorization', `Bearer ${other.jwt}`)
        .expect(200);
      expect(await everyRowOf(user.key)).toBe(0);
      expect(await everyRowOf(other.key)).toBe(6);
    });
  });
});
