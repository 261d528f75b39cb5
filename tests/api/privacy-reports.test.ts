import { createFullAccessToken } from '../helpers/api-token';
import { articlesOf, audienceCalls, viewEvent } from '../helpers/audience';
import { managementApi } from '../helpers/rules';
import { startStrapi, type TestApp } from '../helpers/strapi';

const RELEASES = 'personalization_report_releases';

/** Issue 18: differentially private reports with a privacy budget. */
describe('privacy: differentially private reports', () => {
  let app: TestApp;
  let api: ReturnType<typeof managementApi>;
  let articles: string[];

  beforeAll(async () => {
    app = await startStrapi({
      env: {
        PERSONALIZATION_TAGGING_ENABLED: 'false',
        PERSONALIZATION_CONSENT_DEFAULT_ANALYTICS: 'true',
        PERSONALIZATION_REPORTS_SEED: '42',
        PERSONALIZATION_REPORTS_BUDGET_EPSILON: '3',
        PERSONALIZATION_REPORTS_MIN_COUNT: '3',
      },
    });
    api = managementApi(app, await createFullAccessToken(app.strapi));
    articles = await articlesOf(app.strapi, 'sports');
    await api('post', '/segments')
      .send({ name: 'readers', condition: { field: 'profile.visits', op: 'gte', value: 1 } })
      .expect(201);
    for (let i = 0; i < 12; i += 1) {
      await audienceCalls(app, { visitorId: `reader-${i}` })
        .events([viewEvent(`r${i}`, articles[i % 2])])
        .expect(202);
    }
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it('refuses an unknown report and stray parameters, spending nothing', async () => {
    const unknown = await api('get', '/reports/everyone').expect(400);
    expect(unknown.body.error.message).toMatch(/segment-sizes/);
    await api('get', '/reports/segment-sizes?exact=true').expect(400);
    await app.http().get('/api/personalization/reports/segment-sizes').expect(403);
    expect(await app.strapi.db.connection(RELEASES)).toHaveLength(0);
  });

  it('releases tag affinities by segment and weekly events per entry with their epsilon', async () => {
    const tags = await api('get', '/reports/tag-affinity-by-segment').expect(200);
    expect(tags.body.data.privacy).toMatchObject({
      mechanism: 'laplace',
      epsilon: 1,
      sensitivity: 10,
      scale: 10,
      budget: { name: 'reports', epsilon: 3, spent: 1, remaining: 2 },
    });
    const weekly = await api('get', '/reports/events-per-entry-weekly').expect(200);
    const rows = weekly.body.data.rows as Array<Record<string, unknown>>;
    expect(rows.length).toBeGreaterThanOrEqual(2 * 8);
    expect(rows[0]).toEqual({
      uid: expect.any(String),
      documentId: expect.any(String),
      week: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      count: rows[0].suppressed ? null : expect.any(Number),
      suppressed: expect.any(Boolean),
    });
    expect(weekly.body.data.privacy.budget).toMatchObject({ spent: 2, remaining: 1 });
  });

  it('releases segment sizes twice with noisy counts and the remaining budget, then refuses', async () => {
    const first = await api('get', '/reports/segment-sizes').expect(200);
    const second = await api('get', '/reports/segment-sizes').expect(200);
    const readers = (response: typeof first) =>
      (response.body.data.rows as Array<{ segment: string; count: number | null }>).find(
        (row) => row.segment === 'readers'
      );
    expect(readers(first)).toBeDefined();
    // Δ = 5 contributions per caller, ε = 0.5: noise of scale 10 around the 12 readers.
    expect(first.body.data.privacy).toMatchObject({ epsilon: 0.5, sensitivity: 5, scale: 10 });
    expect([readers(first)?.count, readers(second)?.count]).not.toEqual([12, 12]);
    expect(readers(first)?.count).not.toEqual(readers(second)?.count);
    expect(first.body.data.privacy.budget).toMatchObject({ spent: 2.5, remaining: 0.5 });
    expect(second.body.data.privacy.budget).toMatchObject({ spent: 3, remaining: 0 });

    const refused = await api('get', '/reports/segment-sizes').expect(429);
    expect(refused.body.error.message).toMatch(/^privacy budget "reports" spent: ε 3 of 3/);
    expect(refused.body.error.details).toMatchObject({ budget: 'reports', spent: 3, needed: 0.5 });
    expect(await app.strapi.db.connection(RELEASES)).toHaveLength(4);
  });

  it('keeps the internal segment sizes exact', async () => {
    const sizes = await api('get', '/segments/sizes').expect(200);
    expect(sizes.body.data.readers).toBe(12);
  });
});
