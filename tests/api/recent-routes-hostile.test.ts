import { createFullAccessToken } from '../helpers/api-token';
import { startStrapi, type TestApp } from '../helpers/strapi';

type Call = ReturnType<ReturnType<TestApp['http']>['get']>;

const RECS = '/api/personalization/recommendations';
const ARTICLE = 'api::article.article';
const METRICS_SECRET = 'hostile-metrics-secret-0123456789';

/**
 * Malformed and oversized input on the routes added with issues 11–15 (recommendations, the
 * feedback-loop audit, segment members, metrics, bandit reweights, shadow reports, privacy
 * reports): each is a 4xx whose message names the problem, never a 5xx, and the app stays
 * healthy afterwards.
 */
describe('recent routes refuse hostile input with a 4xx naming the problem', () => {
  let app: TestApp;
  let token: string;
  let readOnly: string;

  beforeAll(async () => {
    app = await startStrapi({
      env: {
        PERSONALIZATION_TAGGING_ENABLED: 'false',
        PERSONALIZATION_METRICS_ENABLED: 'true',
        PERSONALIZATION_METRICS_SECRET: METRICS_SECRET,
      },
    });
    token = await createFullAccessToken(app.strapi, 'hostile');
    const created = await app.strapi.service('admin::api-token').create({
      name: `hostile-read-${Date.now()}`,
      type: 'read-only',
      lifespan: null,
    });
    readOnly = created.accessKey as string;
  }, 240_000);

  afterAll(async () => {
    await app?.destroy();
  });

  const get = (path: string): Call => app.http().get(path);
  const managed = (method: 'get' | 'post', path: string): Call =>
    app.http()[method](`/api/personalization${path}`).set('Authorization', `Bearer ${token}`);

  const cases: Array<[string, () => Call, number, RegExp]> = [
    // Recommendations: the path, the limit, the query, the caller headers.
    ['recommendations: a uid that is not a uid', () => get(`${RECS}/not-a-uid`), 400, /uid/],
    [
      'recommendations: a 4,000-character uid',
      () => get(`${RECS}/api::${'a'.repeat(4000)}.x`),
      400,
      /uid/,
    ],
    [
      'recommendations: a uid with an encoded NUL',
      () => get(`${RECS}/api::article.article%00`),
      400,
      /uid/,
    ],
    [
      'recommendations: a type that does not opt in',
      () => get(`${RECS}/plugin::users-permissions.user`),
      404,
      /does not opt in|not a content type/,
    ],
    [
      'recommendations: limit=0',
      () => get(`${RECS}/${ARTICLE}?limit=0`),
      400,
      /limit: must be at least 1/,
    ],
    [
      'recommendations: limit=-1',
      () => get(`${RECS}/${ARTICLE}?limit=-1`),
      400,
      /limit: must be at least 1/,
    ],
    [
      'recommendations: limit=1e12',
      () => get(`${RECS}/${ARTICLE}?limit=1000000000000`),
      400,
      /limit: must be at most 50/,
    ],
    ['recommendations: limit=abc', () => get(`${RECS}/${ARTICLE}?limit=abc`), 400, /limit/],
    [
      'recommendations: limit=2.5',
      () => get(`${RECS}/${ARTICLE}?limit=2.5`),
      400,
      /limit: must be a whole number/,
    ],
    ['recommendations: an empty limit', () => get(`${RECS}/${ARTICLE}?limit=`), 400, /limit/],
    [
      'recommendations: limit given twice',
      () => get(`${RECS}/${ARTICLE}?limit=1&limit=2`),
      400,
      /limit/,
    ],
    [
      'recommendations: limit as an object',
      () => get(`${RECS}/${ARTICLE}?limit[$gt]=1`),
      400,
      /limit/,
    ],
    [
      'recommendations: an unknown query key',
      () => get(`${RECS}/${ARTICLE}?populate=*`),
      400,
      /populate/,
    ],
    [
      'recommendations: X-Visitor-Id with spaces and punctuation',
      () => get(`${RECS}/${ARTICLE}`).set('X-Visitor-Id', 'bad id; drop table'),
      400,
      /X-Visitor-Id/,
    ],
    [
      'recommendations: a 5,000-character X-Visitor-Id',
      () => get(`${RECS}/${ARTICLE}`).set('X-Visitor-Id', 'v'.repeat(5000)),
      400,
      /X-Visitor-Id/,
    ],
    [
      'recommendations: a bearer that is not a JWT',
      () => get(`${RECS}/${ARTICLE}`).set('Authorization', 'Bearer not-a-jwt'),
      401,
      /./,
    ],
    [
      'recommendations: an Authorization header of another scheme',
      () => get(`${RECS}/${ARTICLE}`).set('Authorization', 'Basic dXNlcjpwYXNz'),
      401,
      /./,
    ],
    // The feedback-loop audit.
    [
      'feedback audit: a bad from',
      () => managed('get', '/feedback-audit?from=last-week'),
      400,
      /from: must be a date/,
    ],
    [
      'feedback audit: a 1,000-character segment',
      () => managed('get', `/feedback-audit?segment=${'s'.repeat(1000)}`),
      400,
      /segment/,
    ],
    [
      'feedback audit: segment as an array',
      () => managed('get', '/feedback-audit?segment[]=a'),
      400,
      /segment/,
    ],
    [
      'feedback audit: an unknown query key',
      () => managed('get', '/feedback-audit?weeks=3'),
      400,
      /weeks/,
    ],
    [
      'feedback audit run: a body with keys',
      () => managed('post', '/feedback-audit/run').send({ weeks: 1000 }),
      400,
      /weeks/,
    ],
    ['feedback audit: no token', () => get('/api/personalization/feedback-audit'), 403, /./],
    // Segment members.
    [
      'segment members: an unknown segment',
      () => managed('get', '/segments/nobody-here/members'),
      404,
      /nobody-here/,
    ],
    [
      'segment members: a 2,000-character name',
      () => managed('get', `/segments/${'n'.repeat(2000)}/members`),
      404,
      /does not exist/,
    ],
    [
      'segment members: limit=0',
      () => managed('get', '/segments/all/members?limit=0'),
      400,
      /limit/,
    ],
    [
      'segment members: limit=-1',
      () => managed('get', '/segments/all/members?limit=-1'),
      400,
      /limit/,
    ],
    [
      'segment members: limit=100000',
      () => managed('get', '/segments/all/members?limit=100000'),
      400,
      /limit/,
    ],
    [
      'segment members: limit=abc',
      () => managed('get', '/segments/all/members?limit=abc'),
      400,
      /limit/,
    ],
    [
      'segment members: offset=-5',
      () => managed('get', '/segments/all/members?offset=-5'),
      400,
      /offset/,
    ],
    [
      'segment members: an unknown query key',
      () => managed('get', '/segments/all/members?sort=key'),
      400,
      /sort/,
    ],
    // Metrics.
    ['metrics: no token', () => get('/api/personalization/metrics'), 401, /bearer/],
    [
      'metrics: a wrong bearer',
      () => get('/api/personalization/metrics').set('Authorization', 'Bearer wrong'),
      401,
      /neither the metrics secret nor an API token/,
    ],
    [
      'metrics: a 6,000-character bearer',
      () => get('/api/personalization/metrics').set('Authorization', `Bearer ${'x'.repeat(6000)}`),
      401,
      /neither the metrics secret nor an API token/,
    ],
    [
      'metrics: the secret under another scheme',
      () => get('/api/personalization/metrics').set('Authorization', `Basic ${METRICS_SECRET}`),
      401,
      /bearer/,
    ],
    // Bandit reweights.
    [
      'bandit reweight: an unknown experiment',
      () => managed('post', '/experiments/no-such-experiment/bandit/reweight'),
      404,
      /no-such-experiment/,
    ],
    [
      'bandit reweight: a body with keys',
      () =>
        managed('post', '/experiments/no-such-experiment/bandit/reweight').send({ force: true }),
      400,
      /force/,
    ],
    [
      'bandit reweight: a body that is not an object',
      () => managed('post', '/experiments/no-such-experiment/bandit/reweight').send([1, 2]),
      400,
      /./,
    ],
    [
      'bandit report: an unknown query key',
      () => managed('get', '/experiments/no-such-experiment/bandit?scope=all'),
      400,
      /scope/,
    ],
    // Shadow reports.
    [
      'shadow report: an unknown rule',
      () => managed('get', '/rules/no-such-rule/shadow-report'),
      404,
      /no-such-rule/,
    ],
    [
      'shadow report: an unknown query key',
      () => managed('get', '/rules/no-such-rule/shadow-report?since=yesterday'),
      400,
      /since/,
    ],
    [
      'shadow report: a 2,000-character rule name',
      () => managed('get', `/rules/${'r'.repeat(2000)}/shadow-report`),
      404,
      /does not exist/,
    ],
    [
      'shadow promote: a body with keys',
      () => managed('post', '/rules/no-such-rule/shadow/promote').send({ now: true }),
      400,
      /now/,
    ],
    // Privacy reports.
    [
      'privacy report: an unknown name',
      () => managed('get', '/reports/everything'),
      400,
      /must be one of/,
    ],
    [
      'privacy report: a 3,000-character name',
      () => managed('get', `/reports/${'x'.repeat(3000)}`),
      400,
      /must be one of/,
    ],
    [
      'privacy report: a query parameter',
      () => managed('get', '/reports/segment-sizes?epsilon=100'),
      400,
      /epsilon/,
    ],
    ['privacy report: no token', () => get('/api/personalization/reports/segment-sizes'), 403, /./],
  ];

  const graphql = (query: string): Call =>
    app.http().post('/graphql').send({ query }) as unknown as Call;
  cases.push(
    [
      'feedback audit run: a body that is not JSON',
      () =>
        managed('post', '/feedback-audit/run')
          .set('Content-Type', 'application/json')
          .send('{"weeks": '),
      400,
      /./,
    ],
    [
      'recommendations: limit beyond a 64-bit number',
      () => get(`${RECS}/${ARTICLE}?limit=${'9'.repeat(400)}`),
      400,
      /limit/,
    ]
  );

  it.each(cases)('%s', async (_name, call, status, message) => {
    const response = await call();
    expect(response.status).toBe(status);
    expect(response.body?.error?.message ?? '').toMatch(message);
  });

  it.each([
    ['a limit of 100,000', `uid: "${ARTICLE}", limit: 100000`, /limit: must be at most 50/],
    ['a negative limit', `uid: "${ARTICLE}", limit: -1`, /limit: must be at least 1/],
    ['a limit beyond a 32-bit Int', `uid: "${ARTICLE}", limit: 4294967296`, /Int/],
    ['a uid that is not a uid', `uid: "${'x'.repeat(3000)}"`, /uid/],
  ])(
    'GraphQL recommendations with %s: an error naming it, no 5xx',
    async (_name, args, message) => {
      const response = await graphql(`query { personalizationRecommendations(${args}) { list } }`);
      expect(response.status).toBeLessThan(500);
      expect(response.body.errors[0].message).toMatch(message);
    }
  );

  it('still answers its health checks, metrics and recommendations afterwards', async () => {
    await get('/_health').expect(204);
    await get('/api/personalization/health').expect(200);
    const metrics = await get('/api/personalization/metrics')
      .set('Authorization', `Bearer ${readOnly}`)
      .expect(200);
    expect(metrics.text).toContain('# HELP');
    const list = await get(`${RECS}/${ARTICLE}?limit=3`).expect(200);
    expect(list.body.data).toHaveLength(3);
  });
});
