import type { Core } from '@strapi/strapi';
import type { TestApp } from './strapi';

export const AUDIENCE_TABLE_NAMES = [
  'personalization_events',
  'personalization_profiles',
  'personalization_consents',
  'personalization_identities',
  'personalization_segment_members',
] as const;

/** Rows in an audience table, read straight from the database. */
export const countRows = async (strapi: Core.Strapi, table: string): Promise<number> => {
  const [row] = (await strapi.db.connection(table).count({ rows: '*' })) as Array<{
    rows: number | string;
  }>;
  return Number(row.rows);
};

/** A valid event of a type that needs an entry, at the current time. */
export const viewEvent = (id: string, documentId: string, sessionId = 'session-1') => ({
  id,
  type: 'view',
  entry: { uid: 'api::article.article', documentId },
  timestamp: new Date().toISOString(),
  sessionId,
});

/** The caller-facing audience calls of one visitor (or of a user, with a JWT). */
export const audienceCalls = (app: TestApp, caller: { visitorId?: string; jwt?: string }) => {
  const headers = (call: ReturnType<ReturnType<TestApp['http']>['get']>) => {
    if (caller.visitorId) call.set('X-Visitor-Id', caller.visitorId);
    if (caller.jwt) call.set('Authorization', `Bearer ${caller.jwt}`);
    return call;
  };
  return {
    consent: (body: Record<string, boolean>) =>
      headers(app.http().put('/api/personalization/consent')).send(body),
    events: (events: unknown[]) =>
      headers(app.http().post('/api/personalization/events')).send({ events }),
    me: () => headers(app.http().get('/api/personalization/me')),
    identify: (body: Record<string, string> = {}) =>
      headers(app.http().post('/api/personalization/identify')).send(body),
    get: (path: string) => headers(app.http().get(path)),
  };
};

/**
 * A visitor with analytics consent who viewed one sports article of the demo: their sports
 * affinity, read back from `/me` (profiles are updated in the event batch's transaction).
 */
export const readOneSportsArticle = async (app: TestApp, visitorId: string): Promise<number> => {
  const reader = audienceCalls(app, { visitorId });
  await reader.consent({ analytics: true }).expect(200);
  const [sportsArticle] = await articlesOf(app.strapi, 'sports');
  await reader.events([viewEvent('one-read', sportsArticle)]).expect(202);
  const { profile } = (await reader.me().expect(200)).body.data;
  return profile.affinities.sports as number;
};

/** Registers a users-permissions user and returns its id and JWT. */
export const registerUser = async (
  app: TestApp,
  username: string
): Promise<{ id: number; jwt: string }> => {
  const response = await app
    .http()
    .post('/api/auth/local/register')
    .send({ username, email: `${username}@example.com`, password: 'Passw0rd!long' })
    .expect(200);
  return { id: response.body.user.id as number, jwt: response.body.jwt as string };
};

/** Published base articles of a category (documentIds), through the document service. */
export const articlesOf = async (strapi: Core.Strapi, category: string): Promise<string[]> => {
  const rows = (await strapi.documents('api::article.article').findMany({
    status: 'published',
    filters: { category, variantKey: { $null: true } },
    fields: ['documentId'],
    limit: -1,
  } as never)) as unknown as Array<{ documentId: string }>;
  return rows.map((row) => row.documentId);
};
