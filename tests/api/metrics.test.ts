import { createFullAccessToken } from '../helpers/api-token';
import { audienceCalls, viewEvent } from '../helpers/audience';
import { rollOutArticleRule } from '../helpers/rules';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { waitForIdleQueue } from '../helpers/tagging';
import { createArticleVariant } from '../helpers/variants';

const SECRET = 'scraper-secret-for-tests';

/** The value of one series (name plus exact label set) in a Prometheus text answer. */
const valueOf = (text: string, series: string): number => {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : Number.NaN;
};

const SERIES = [
  'personalization_http_request_duration_seconds_bucket',
  'personalization_decisions_total',
  'personalization_decision_cache_hits_total',
  'personalization_decision_cache_misses_total',
  'personalization_response_cache_hits_total',
  'personalization_rest_response_cache_hits_total',
  'personalization_response_cache_misses_total',
  'personalization_rule_evaluation_duration_seconds_bucket',
  'personalization_flag_client_up',
  'personalization_flag_client_last_fetch_timestamp_seconds',
  'personalization_tagging_queue_depth',
  'personalization_tagging_oldest_pending_job_age_seconds',
  'personalization_tagging_job_failures_total',
  'personalization_events_total',
  'personalization_event_batches_rejected_total',
  'process_cpu_seconds_total',
  'nodejs_eventloop_lag_seconds',
  'nodejs_heap_size_used_bytes',
];

describe('GET /api/personalization/metrics when enabled', () => {
  let app: TestApp;
  let token: string;
  let baseId: string;

  const scrape = async (): Promise<string> =>
    (
      await app
        .http()
        .get('/api/personalization/metrics')
        .set('Authorization', `Bearer ${SECRET}`)
        .expect(200)
        .expect('Content-Type', /text\/plain; version=0\.0\.4/)
    ).text;

  const readAsPro = (path: string) =>
    app
      .http()
      .get(path)
      .set({ 'X-Visitor-Id': 'metrics-pro', 'X-Visitor-Traits': JSON.stringify({ plan: 'pro' }) })
      .expect(200);

  beforeAll(async () => {
    app = await startStrapi({
      env: { PERSONALIZATION_METRICS_ENABLED: 'true', PERSONALIZATION_METRICS_SECRET: SECRET },
    });
    token = await createFullAccessToken(app.strapi);
    ({ baseId } = await createArticleVariant(app.strapi, 'premium'));
    await rollOutArticleRule(app, token, {
      name: 'plan-premium',
      template: 'by-plan',
      body: "{% if visitor.traits.plan == 'pro' %}{% variant 'premium' %}{% endif %}",
    });
    // Each tagged entry moves its type's revision, which ends the cached answers: let the boot's
    // tagging finish first, so two identical reads can meet in the response cache.
    await waitForIdleQueue(app, token, 120_000);
  });

  afterAll(async () => {
    await app.destroy();
  });

  it('shows every listed series after the paths are exercised, and its counters move', async () => {
    const before = await scrape();
    await readAsPro('/api/articles');
    await readAsPro('/api/articles');
    await readAsPro(`/api/articles/${baseId}`);
    const visitor = audienceCalls(app, { visitorId: 'metrics-visitor' });
    await visitor.consent({ personalization: true, analytics: true }).expect(200);
    await visitor.events([viewEvent('m-1', baseId), viewEvent('m-2', baseId)]).expect(202);
    await visitor.events([viewEvent('m-1', baseId)]).expect(202);
    await visitor.events([{ id: 'bad', type: 'nope' }]).expect(400);

    const after = await scrape();
    for (const series of SERIES) expect(after).toMatch(new RegExp(`^${series}[{ ]`, 'm'));

    const moved = (series: string) => valueOf(after, series) - (valueOf(before, series) || 0);
    expect(moved('personalization_decisions_total{reason="rule"}')).toBeGreaterThanOrEqual(2);
    expect(moved('personalization_decision_cache_hits_total')).toBeGreaterThan(0);
    // The repeated list is answered by the REST layer; the document level loaded it once.
    expect(moved('personalization_rest_response_cache_hits_total')).toBeGreaterThan(0);
    expect(moved('personalization_response_cache_misses_total')).toBeGreaterThan(0);
    expect(moved('personalization_events_total{outcome="accepted"}')).toBe(2);
    expect(moved('personalization_events_total{outcome="duplicate"}')).toBe(1);
    expect(moved('personalization_event_batches_rejected_total{status="400"}')).toBe(1);
    expect(
      moved('personalization_rule_evaluation_duration_seconds_count{outcome="ok"}')
    ).toBeGreaterThan(0);
    expect(valueOf(after, 'personalization_flag_client_up{mode="local",state="ready"}')).toBe(1);
    expect(
      valueOf(after, 'personalization_flag_client_last_fetch_timestamp_seconds')
    ).toBeGreaterThan(Date.now() / 1000 - 3600);
    expect(
      valueOf(
        after,
        'personalization_http_request_duration_seconds_count{method="GET",route="/api/articles/:id",status="200"}'
      )
    ).toBeGreaterThanOrEqual(1);
    expect(
      valueOf(
        after,
        'personalization_http_request_duration_seconds_count{method="POST",route="/api/personalization/events",status="202"}'
      )
    ).toBe(2);
  });

  it('never puts an id in a label', async () => {
    await readAsPro(`/api/articles/${baseId}`);
    const text = await scrape();
    expect(text).not.toContain(baseId);
    const routes = [...text.matchAll(/route="([^"]+)"/g)].map((match) => match[1]);
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) expect(route).toMatch(/^\/api\/[a-z/-]*(:[a-zA-Z]+[a-z/-]*)*$/);
  });

  it('answers 401 without a bearer or with a wrong one, and 403 for a custom API token', async () => {
    const metrics = () => app.http().get('/api/personalization/metrics');
    await metrics().expect(401);
    await metrics().set('Authorization', 'Bearer not-the-secret').expect(401);
    await metrics().set('Authorization', `Basic ${SECRET}`).expect(401);
    const custom = await app.strapi.service('admin::api-token').create({
      name: `custom-${Date.now()}`,
      type: 'custom',
      lifespan: null,
      permissions: ['api::article.article.find'],
    });
    await metrics()
      .set('Authorization', `Bearer ${custom.accessKey as string}`)
      .expect(403);
    const readOnly = await app.strapi.service('admin::api-token').create({
      name: `read-only-${Date.now()}`,
      type: 'read-only',
      lifespan: null,
    });
    const answer = await metrics()
      .set('Authorization', `Bearer ${readOnly.accessKey as string}`)
      .expect(200);
    expect(answer.text).toContain('personalization_decisions_total');
  });
});

describe('GET /api/personalization/metrics by default', () => {
  let app: TestApp;

  beforeAll(async () => {
    // Only the route is checked: no demo content, so no tagging is still queued when it shuts down.
    app = await startStrapi({
      env: {
        PERSONALIZATION_METRICS_SECRET: SECRET,
        SEED_DEMO_CONTENT: 'false',
        PERSONALIZATION_TAGGING_ENABLED: 'false',
      },
    });
  });

  afterAll(async () => {
    await app.destroy();
  });

  it('is not there (404), even with the secret', async () => {
    await app
      .http()
      .get('/api/personalization/metrics')
      .set('Authorization', `Bearer ${SECRET}`)
      .expect(404);
  });
});
