import { createFullAccessToken } from '../helpers/api-token';
import {
  AUDIENCE_TABLE_NAMES,
  articlesOf,
  audienceCalls,
  countRows,
  registerUser,
  viewEvent,
} from '../helpers/audience';
import { managementApi } from '../helpers/rules';
import { startStrapi, type TestApp } from '../helpers/strapi';

const EVENTS = 'personalization_events';

describe('audience: consent, events, profiles, stitching, segments, erasure', () => {
  let app: TestApp;
  let api: ReturnType<typeof managementApi>;
  let sports: string[];
  let travel: string[];

  beforeAll(async () => {
    // Interests come only from the topic tags added below: the background auto-tagger would add
    // keywords (e.g. "minute") while the tests run, and the expected weights would race with it.
    app = await startStrapi({ env: { PERSONALIZATION_TAGGING_ENABLED: 'false' } });
    api = managementApi(app, await createFullAccessToken(app.strapi));
    sports = await articlesOf(app.strapi, 'sports');
    travel = await articlesOf(app.strapi, 'travel');
    // Topic tags as an editor adds them, so events carry interests.
    for (const [label, ids] of [
      ['sports', sports],
      ['travel', travel],
    ] as const) {
      for (const documentId of ids) {
        await api('post', `/tags/api::article.article/${documentId}`)
          .send({ data: { label, type: 'KEYWORD' } })
          .expect(201);
      }
    }
  });

  afterAll(async () => {
    await app?.destroy();
  });

  const eventsOf = async (visitorId: string) => {
    const key = app.strapi
      .plugin('personalization')
      .service('audienceIdentity')
      .keyOf({ kind: 'visitor', id: visitorId }) as string;
    return countRowsWhere(EVENTS, { caller_key: key });
  };
  const countRowsWhere = async (table: string, where: Record<string, unknown>) => {
    const [row] = (await app.strapi.db
      .connection(table)
      .where(where)
      .count({ rows: '*' })) as Array<{
      rows: number | string;
    }>;
    return Number(row.rows);
  };

  describe('consent', () => {
    it('drops events without analytics consent (202 with the count) and stores nothing', async () => {
      const before = await countRows(app.strapi, EVENTS);
      const calls = audienceCalls(app, { visitorId: 'no-analytics' });
      const response = await calls.events([viewEvent('a1', sports[0]), viewEvent('a2', sports[1])]);
      expect(response.status).toBe(202);
      expect(response.body.data).toEqual({ accepted: 0, duplicates: 0, dropped: 2 });
      expect(await countRows(app.strapi, EVENTS)).toBe(before);
      expect(await countRows(app.strapi, 'personalization_profiles')).toBe(0);
    });

    it('stores events once analytics consent is given, and drops them again when it is withdrawn', async () => {
      const calls = audienceCalls(app, { visitorId: 'consenting' });
      await calls.consent({ analytics: true }).expect(200);
      expect((await calls.events([viewEvent('c1', sports[0])])).body.data).toEqual({
        accepted: 1,
        duplicates: 0,
        dropped: 0,
      });
      await calls.consent({ analytics: false }).expect(200);
      expect((await calls.events([viewEvent('c2', sports[1])])).body.data.dropped).toBe(1);
      expect(await eventsOf('consenting')).toBe(1);
    });

    it('serves base content with reason no-consent without personalization consent', async () => {
      const calls = audienceCalls(app, { visitorId: 'no-personalization' });
      const granted = await calls.get('/api/articles?pagination[pageSize]=3').expect(200);
      expect(granted.body.data[0].personalization.reason).toBe('no-rule');
      const answer = await calls.consent({ personalization: false }).expect(200);
      expect(answer.body.data).toEqual({ personalization: false, analytics: false, stored: true });
      const refused = await calls.get('/api/articles?pagination[pageSize]=3').expect(200);
      expect(
        refused.body.data.map(
          (entry: { personalization: { reason: string } }) => entry.personalization.reason
        )
      ).toEqual(['no-consent', 'no-consent', 'no-consent']);
    });

    it('answers no-consent in GraphQL too', async () => {
      const response = await app
        .http()
        .post('/graphql')
        .set('X-Visitor-Id', 'no-personalization')
        .send({
          query: '{ articles(pagination: { pageSize: 2 }) { title personalization { reason } } }',
        })
        .expect(200);
      expect(
        response.body.data.articles.map(
          (entry: { personalization: { reason: string } }) => entry.personalization.reason
        )
      ).toEqual(['no-consent', 'no-consent']);
    });

    it('refuses a consent body with unknown purposes or no purpose', async () => {
      const calls = audienceCalls(app, { visitorId: 'consent-typo' });
      const unknown = await calls.consent({ analytic: true }).expect(400);
      expect(unknown.body.error.message).toMatch(/analytic/);
      await calls.consent({}).expect(400);
      expect(await countRowsWhere('personalization_consents', {})).toBeGreaterThan(0);
    });
  });

  describe('events and profiles', () => {
    it('counts a retried batch once, even when the copies arrive together', async () => {
      const calls = audienceCalls(app, { visitorId: 'retrier' });
      await calls.consent({ analytics: true }).expect(200);
      const batch = [
        viewEvent('r1', sports[0]),
        viewEvent('r2', sports[1]),
        viewEvent('r3', travel[0]),
      ];
      const copies = await Promise.all([
        calls.events(batch),
        calls.events(batch),
        calls.events(batch),
      ]);
      const accepted = copies.map((response) => response.body.data.accepted as number);
      expect(accepted.reduce((sum, value) => sum + value, 0)).toBe(3);
      const retry = await calls.events(batch).expect(202);
      expect(retry.body.data).toEqual({ accepted: 0, duplicates: 3, dropped: 0 });
      expect(await eventsOf('retrier')).toBe(3);
      const me = await calls.me().expect(200);
      expect(me.body.data.profile).toMatchObject({ visits: 3, events: 3, sessions: 1 });
      expect(me.body.data.profile.affinities.sports).toBeCloseTo(2, 1);
      expect(me.body.data.profile.affinities.travel).toBeCloseTo(1, 1);
      expect(me.body.data.profile.topTags[0]).toBe('sports');
    });

    it('lets an API token look up the profile of a caller, and refuses an ambiguous lookup', async () => {
      const found = await api('get', '/profiles?visitorId=retrier').expect(200);
      expect(found.body.data).toMatchObject({ subject: 'visitor', profile: { visits: 3 } });
      await api('get', '/profiles?visitorId=nobody-here').expect(404);
      await api('get', '/profiles?visitorId=retrier&userId=1').expect(400);
      await app.http().get('/api/personalization/profiles?visitorId=retrier').expect(403);
    });

    it('keeps tag labels such as constructor and __proto__ as ordinary labels in profiles', async () => {
      const documentId = travel[0];
      for (const label of ['constructor', '__proto__', 'toString']) {
        await api('post', `/tags/api::article.article/${documentId}`)
          .send({ data: { label, type: 'KEYWORD' } })
          .expect(201);
      }
      const visitor = audienceCalls(app, { visitorId: 'proto-labels' });
      await visitor.consent({ analytics: true }).expect(200);
      await visitor.events([viewEvent('p1', documentId), viewEvent('p2', documentId)]).expect(202);
      // A second batch folds into the stored profile read back from JSON.
      await visitor.events([viewEvent('p3', documentId, 'session-2')]).expect(202);

      const profile = (await visitor.me().expect(200)).body.data.profile;
      // Entries, not toEqual on a literal: `{ __proto__: 3 }` would set a prototype, not a key.
      expect(Object.entries(profile.affinities).sort()).toEqual([
        ['__proto__', 3],
        ['constructor', 3],
        ['tostring', 3],
        ['travel', 3],
      ]);
      expect([...profile.topTags].sort()).toEqual([
        '__proto__',
        'constructor',
        'tostring',
        'travel',
      ]);
      const looked = await api('get', '/profiles?visitorId=proto-labels').expect(200);
      expect(looked.body.data.profile.affinities).toEqual(profile.affinities);
    });

    it('stores a pseudonym, not the visitor id, with events', async () => {
      const rows = (await app.strapi.db.connection(EVENTS).select('caller_key')) as Array<{
        caller_key: string;
      }>;
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.caller_key).toMatch(/^[0-9a-f]{64}$/);
        expect(row.caller_key).not.toContain('retrier');
      }
    });

    it('counts a read of an entry through the content API as a view (with analytics consent)', async () => {
      const calls = audienceCalls(app, { visitorId: 'reader' });
      await calls.consent({ analytics: true }).expect(200);
      await calls.get(`/api/articles/${travel[1]}`).expect(200);
      await calls.get(`/api/articles/${travel[1]}`).expect(200);
      const me = await calls.me().expect(200);
      // The second read within the same minute is the same view.
      expect(me.body.data.profile.visits).toBe(1);
      expect(me.body.data.profile.topTags).toEqual(['travel']);
    });
  });

  describe('session stitching', () => {
    it('merges a visitor into the user who signs in, without losing or double-counting events', async () => {
      const user = await registerUser(app, 'stitcher');
      const asVisitor = audienceCalls(app, { visitorId: 'stitch-visitor' });
      const asUser = audienceCalls(app, { jwt: user.jwt });
      await asVisitor.consent({ analytics: true }).expect(200);
      await asUser.consent({ analytics: true }).expect(200);
      await asVisitor
        .events([
          viewEvent('s1', sports[0]),
          viewEvent('s2', sports[1]),
          viewEvent('both', sports[2]),
        ])
        .expect(202);
      // The same client event reached the server twice: once before and once after sign-in.
      await asUser
        .events([viewEvent('both', sports[2]), viewEvent('u1', travel[0], 'session-2')])
        .expect(202);

      const linked = await audienceCalls(app, { visitorId: 'stitch-visitor', jwt: user.jwt })
        .identify()
        .expect(200);
      expect(linked.body.data).toEqual({ moved: 2, duplicates: 1 });

      const me = await asUser.me().expect(200);
      expect(me.body.data.subject).toBe('user');
      expect(me.body.data.profile).toMatchObject({ visits: 4, events: 4, sessions: 2 });
      expect(me.body.data.profile.affinities.sports).toBeCloseTo(3, 1);
      expect(await eventsOf('stitch-visitor')).toBe(0);
      // Later requests with only the visitor id act on the visitor alone, never on the user.
      const later = await asVisitor.me().expect(200);
      expect(later.body.data.subject).toBe('visitor');
      expect(later.body.data.profile).toBeNull();
    });

    it('needs a signed-in user', async () => {
      const response = await audienceCalls(app, { visitorId: 'anonymous' }).identify().expect(401);
      expect(response.body.error.message).toMatch(/JWT/);
    });
  });

  describe('segments', () => {
    it('refuses a condition with an unknown operator, naming its path', async () => {
      const response = await api('post', '/segments')
        .send({
          name: 'bad',
          condition: { all: [{ field: 'profile.visits', op: 'bigger', value: 1 }] },
        })
        .expect(400);
      expect(response.body.error.message).toMatch(/condition\.all\[0\]\.op/);
      expect((await api('get', '/segments').expect(200)).body.data).toEqual([]);
    });

    it('puts existing and new profiles into a rule-based segment, and templates and flags see it', async () => {
      await api('post', '/segments')
        .send({
          name: 'sports-readers',
          condition: { field: 'profile.affinities.sports', op: 'gte', value: 1.5 },
        })
        .expect(201);
      const segment = (await api('get', '/segments/sports-readers').expect(200)).body.data;
      // retrier (2 sports views) and stitcher (3) were already in; the travel reader is not.
      expect(segment.members).toBe(2);
      const me = await audienceCalls(app, { visitorId: 'retrier' }).me().expect(200);
      expect(me.body.data.segments).toEqual(['sports-readers']);
    });

    it('refuses a name reserved for clusters and a duplicate name', async () => {
      const condition = { field: 'profile.visits', op: 'gt', value: 0 };
      await api('post', '/segments').send({ name: 'cluster-9', condition }).expect(400);
      await api('post', '/segments').send({ name: 'sports-readers', condition }).expect(400);
    });
  });

  describe('erasure and retention', () => {
    it('deletes every row of a user and their linked visitors, and returns the counts', async () => {
      const user = await registerUser(app, 'forgetme');
      const asVisitor = audienceCalls(app, { visitorId: 'forget-visitor' });
      await asVisitor.consent({ analytics: true }).expect(200);
      await asVisitor.events([viewEvent('x1', sports[0]), viewEvent('x2', sports[1])]).expect(202);
      await audienceCalls(app, { visitorId: 'forget-visitor', jwt: user.jwt })
        .identify()
        .expect(200);
      const key = app.strapi
        .plugin('personalization')
        .service('audienceIdentity')
        .keyOf({ kind: 'user', id: String(user.id) }) as string;

      await app.http().delete(`/api/personalization/users/${user.id}`).expect(403);
      const erased = await api('delete', `/users/${user.id}`).expect(200);
      expect(erased.body.data).toEqual({
        events: 2,
        profiles: 1,
        consents: 1,
        consentHistory: 2,
        segments: 1,
        identities: 1,
        experiments: 0,
      });
      for (const table of AUDIENCE_TABLE_NAMES) {
        const column = table === 'personalization_identities' ? 'user_key' : 'caller_key';
        expect(await countRowsWhere(table, { [column]: key })).toBe(0);
      }
      await api('delete', '/users/not-a-number').expect(400);
    });

    it('schedules retention, clustering and the bandit reweights on Strapi cron', () => {
      const jobs = (app.strapi.cron.jobs as Array<{ name: string | null; options: unknown }>).map(
        (job) => [job.name, job.options]
      );
      expect(jobs).toEqual(
        expect.arrayContaining([
          ['personalizationRetention', '0 3 * * *'],
          ['personalizationClustering', '30 3 * * *'],
          ['personalizationBandits', '* * * * *'],
        ])
      );
    });

    it('deletes events older than the retention period and keeps the rest', async () => {
      const old = Date.now() - 181 * 86_400_000;
      await app.strapi.db.connection(EVENTS).insert({
        caller_key: 'f'.repeat(64),
        event_id: 'ancient',
        type: 'view',
        occurred_at: old,
        session_id: 's',
        tags: '[]',
        received_at: old,
      });
      const before = await countRows(app.strapi, EVENTS);
      const result = await app.strapi.plugin('personalization').service('retention').run();
      expect(result.deleted).toBe(1);
      expect(await countRows(app.strapi, EVENTS)).toBe(before - 1);
    });
  });
});
