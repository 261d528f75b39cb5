import type { Core } from '@strapi/strapi';
import { createFullAccessToken } from '../helpers/api-token';
import { articlesOf, audienceCalls, registerUser, viewEvent } from '../helpers/audience';
import { managementApi } from '../helpers/rules';
import { startStrapi, type TestApp } from '../helpers/strapi';

/** Columns that hold a caller's pseudonym, in any table. */
const PSEUDONYM_COLUMNS = ['caller_key', 'visitor_key', 'user_key', 'subject_key'];

const tableNames = async (strapi: Core.Strapi): Promise<string[]> => {
  const knex = strapi.db.connection;
  if (strapi.db.dialect.client === 'sqlite') {
    const rows = (await knex('sqlite_master').where({ type: 'table' }).select('name')) as Array<{
      name: string;
    }>;
    return rows.map((row) => row.name);
  }
  const rows = (await knex('information_schema.tables')
    .whereRaw('table_schema = current_schema()')
    .select('table_name')) as Array<{ table_name: string }>;
  return rows.map((row) => row.table_name);
};

/** Issue 18: subject access. The export must cover every table that stores a pseudonym. */
describe('privacy: subject access export', () => {
  let app: TestApp;
  let api: ReturnType<typeof managementApi>;
  let articles: string[];
  let user: { id: number; jwt: string };

  beforeAll(async () => {
    app = await startStrapi({
      env: {
        PERSONALIZATION_TAGGING_ENABLED: 'false',
        PERSONALIZATION_CONSENT_DEFAULT_ANALYTICS: 'true',
      },
    });
    api = managementApi(app, await createFullAccessToken(app.strapi));
    articles = await articlesOf(app.strapi, 'sports');
    await api('post', '/segments')
      .send({
        name: 'export-readers',
        condition: { field: 'profile.visits', op: 'gte', value: 1 },
      })
      .expect(201);

    // The demo sports reader: browses as a visitor, answers consent, signs in and links the visitor.
    user = await registerUser(app, 'sports-reader');
    const visitor = audienceCalls(app, { visitorId: 'sports-device' });
    await visitor.consent({ analytics: true }).expect(200);
    await visitor.events([viewEvent('v1', articles[0]), viewEvent('v2', articles[1])]).expect(202);
    const signedIn = audienceCalls(app, { visitorId: 'sports-device', jwt: user.jwt });
    await signedIn.identify().expect(200);
    await audienceCalls(app, { jwt: user.jwt }).consent({ personalization: false }).expect(200);
    await audienceCalls(app, { jwt: user.jwt })
      .events([viewEvent('u1', articles[2])])
      .expect(202);
    // An experiment arm, as the decision path stores it.
    const userKey = keyOf({ kind: 'user', id: String(user.id) });
    await app.strapi.db.connection('personalization_experiment_assignments').insert({
      experiment_id: 'exp-doc-1',
      caller_key: userKey,
      arm: 'b',
      assigned_at: Date.now(),
    });
    await app.strapi.db.connection('personalization_experiment_exposures').insert({
      experiment_id: 'exp-doc-1',
      phase: 1,
      caller_key: userKey,
      arm: 'b',
      exposed_at: Date.now(),
    });
  });

  afterAll(async () => {
    await app?.destroy();
  });

  const keyOf = (caller: { kind: 'user' | 'visitor'; id: string }): string =>
    app.strapi.plugin('personalization').service('audienceIdentity').keyOf(caller) as string;

  it('covers every table that holds a pseudonym, and no other', async () => {
    const response = await audienceCalls(app, { jwt: user.jwt })
      .get('/api/personalization/me/export')
      .expect(200);
    const holding: string[] = [];
    for (const table of await tableNames(app.strapi)) {
      const columns = Object.keys(await app.strapi.db.connection(table).columnInfo());
      if (columns.some((column) => PSEUDONYM_COLUMNS.includes(column))) holding.push(table);
    }
    const covered = Object.values(response.body.data.sources as Record<string, string>);
    expect([...covered].sort()).toEqual([...holding].sort());
  });

  it('returns every stored row about the sports reader, table by table', async () => {
    const userKey = keyOf({ kind: 'user', id: String(user.id) });
    const visitorKey = keyOf({ kind: 'visitor', id: 'sports-device' });
    const response = await audienceCalls(app, { jwt: user.jwt })
      .get('/api/personalization/me/export')
      .expect(200);
    const data = response.body.data;
    expect(data.subject).toBe('user');
    expect(data.pseudonyms).toEqual([userKey, visitorKey]);
    const sources = data.sources as Record<string, string>;
    const knex = app.strapi.db.connection;
    for (const [source, table] of Object.entries(sources)) {
      const columns = Object.keys(await knex(table).columnInfo()).filter((column) =>
        PSEUDONYM_COLUMNS.includes(column)
      );
      const stored = await knex(table).where((query) => {
        for (const column of columns) query.orWhereIn(column, [userKey, visitorKey]);
      });
      // The log row of this export itself is written after the export was read.
      const written = source === 'accessLog' ? 1 : 0;
      expect({ source, rows: (data[source] as unknown[]).length }).toEqual({
        source,
        rows: stored.length - written,
      });
    }
    expect(data.events).toHaveLength(3);
    expect(data.events[0].tags).toEqual(expect.any(Array));
    expect(data.profiles).toHaveLength(1);
    expect(data.consents).toHaveLength(1);
    expect(data.consentHistory.map((row: { purpose: string }) => row.purpose)).toEqual([
      'personalization',
      'analytics',
      'personalization',
    ]);
    expect(data.segments.map((row: { segment: string }) => row.segment)).toContain(
      'export-readers'
    );
    expect(data.identities).toHaveLength(1);
    expect(data.experimentAssignments).toHaveLength(1);
    expect(data.experimentExposures).toHaveLength(1);
    expect(data.profile).toMatchObject({ visits: 3 });
    expect(data.consent).toEqual({ personalization: false, analytics: true });
  });

  it('gives a visitor id its own rows alone, never the linked user’s', async () => {
    const response = await audienceCalls(app, { visitorId: 'sports-device' })
      .get('/api/personalization/me/export')
      .expect(200);
    expect(response.body.data.subject).toBe('visitor');
    expect(response.body.data.events).toHaveLength(0);
    expect(response.body.data.consentHistory).toHaveLength(0);
    expect(response.body.data.identities).toHaveLength(1);
  });

  it('exports by user or visitor id for an API token, the same rows the user sees', async () => {
    const mine = await audienceCalls(app, { jwt: user.jwt })
      .get('/api/personalization/me/export')
      .expect(200);
    const byToken = await api('get', `/export?userId=${user.id}`).expect(200);
    expect(byToken.body.data.events).toEqual(mine.body.data.events);
    expect(byToken.body.data.consentHistory).toEqual(mine.body.data.consentHistory);
    await api('get', '/export?userId=1&visitorId=x').expect(400);
    await api('get', '/export').expect(400);
    await app.http().get(`/api/personalization/export?userId=${user.id}`).expect(403);
  });

  it('answers 400 without a caller and 401 for a forged JWT', async () => {
    await app.http().get('/api/personalization/me/export').expect(400);
    await app
      .http()
      .get('/api/personalization/me/export')
      .set('Authorization', 'Bearer forged')
      .expect(401);
  });
});
