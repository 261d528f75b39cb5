import { createFullAccessToken } from '../helpers/api-token';
import { managementApi } from '../helpers/rules';
import { startStrapi, type TestApp } from '../helpers/strapi';

/**
 * Issue 11, defect 4: one request must not stall the server. Every request's renders share one
 * time budget (100 ms by default), test cases are capped, and a rule whose renders keep hitting
 * limits is paused by a circuit breaker until it changes or a cool-down passes.
 */

const ARTICLE = 'api::article.article';
// Billions of steps over one small range: only a time bound stops it (memory stays tiny).
const SLOW_LOOP =
  '{% assign r = (1..300) %}{% for a in r %}{% for b in r %}{% for c in r %}{% endfor %}{% endfor %}{% endfor %}';

interface HealthProbe {
  stop(): Promise<number[]>;
}

/** Polls Strapi's own `/_health` every 10 ms; each latency is how long the event loop kept it waiting. */
const probeHealth = (app: TestApp): HealthProbe => {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await app.http().get('/_health').expect(204);
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return latencies;
    },
  };
};

/**
 * The goal is /_health under 200 ms during an attack; `npm run bench:attack` measures it on a quiet
 * machine. Unbounded, these attacks held /_health for 5 to 10 s; the test's bound leaves room for a
 * loaded CI machine (two suites and the other worker on two cores) and still fails on that.
 */
const HEALTH_BOUND_MS = 500;

describe('bounded rendering', () => {
  let app: TestApp;
  let token: string;
  const api = (method: 'get' | 'post' | 'put' | 'delete', path: string) =>
    managementApi(app, token)(method, path);

  beforeAll(async () => {
    app = await startStrapi({ env: { SEED_DEMO_RULES: 'false' } });
    token = await createFullAccessToken(app.strapi);
  });

  afterAll(async () => {
    await app.destroy();
  });

  it('validates a looping template with many test cases within one budget, /_health answering', async () => {
    const probe = probeHealth(app);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const response = await api('post', '/templates/validate')
      .send({
        name: 'loop',
        body: SLOW_LOOP,
        testCases: Array.from({ length: 50 }, (_, index) => ({
          name: `case ${index}`,
          expected: null,
        })),
      })
      .expect(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const latencies = await probe.stop();

    const results = response.body.data.tests.results as Array<{
      error: string;
      durationMs: number;
    }>;
    expect(results).toHaveLength(50);
    const rendered = results.reduce((sum, result) => sum + result.durationMs, 0);
    // The whole request renders for about the 100 ms budget, not 50 × the 50 ms render limit
    // (2,500 ms). The bound only has to tell those apart: on a loaded CI machine the renders that
    // overshoot the budget took 274 ms in all, so a tight bound failed where the budget worked.
    expect(rendered).toBeLessThan(1000);
    expect(
      results.filter((result) => /render budget of 100 ms is spent/.test(result.error)).length
    ).toBeGreaterThanOrEqual(45);
    expect(Math.max(...latencies)).toBeLessThan(HEALTH_BOUND_MS);
  });

  it('refuses more than 50 test cases per template, naming the field', async () => {
    const response = await api('post', '/templates/validate')
      .send({
        name: 'many-cases',
        body: 'premium',
        testCases: Array.from({ length: 51 }, (_, index) => ({
          name: `c${index}`,
          expected: 'premium',
        })),
      })
      .expect(400);
    expect(JSON.stringify(response.body.error)).toMatch(/testCases/);
    expect(JSON.stringify(response.body.error)).toMatch(/at most 50 test cases/);
  });

  it('pauses a rule whose renders keep hitting limits, and renders it again once it changes', async () => {
    // Slow only for callers with the `slow` trait, so its own test case passes and it can be activated.
    const body = `{% if visitor.traits.slow %}${SLOW_LOOP}{% endif %}`;
    await api('post', '/templates')
      .send({ name: 'sometimes-slow', body, testCases: [{ name: 'fast callers', expected: null }] })
      .expect(201);
    await api('post', '/rules')
      .send({
        name: 'slow-rule',
        contentType: ARTICLE,
        template: 'sometimes-slow',
        status: 'active',
      })
      .expect(201);
    await api('put', '/flags/personalization.slow-rule').send({ enabled: true }).expect(200);

    const list = (visitor: string) =>
      app
        .http()
        .get('/api/articles')
        .set({ 'X-Visitor-Id': visitor, 'X-Visitor-Traits': JSON.stringify({ slow: true }) })
        .expect(200);

    const probe = probeHealth(app);
    const reasons: string[][] = [];
    for (let index = 0; index < 6; index += 1) {
      const response = await list(`slow-${index}`);
      reasons.push(
        response.body.data.map(
          (entry: { personalization: { reason: string } }) => entry.personalization.reason
        )
      );
    }
    const latencies = await probe.stop();
    // Readers get base content with the reason, never an error.
    expect(reasons.flat().every((reason) => reason === 'rule-error')).toBe(true);
    expect(Math.max(...latencies)).toBeLessThan(HEALTH_BOUND_MS);

    const preview = async () => {
      const [article] = (await app.strapi
        .documents(ARTICLE)
        .findMany({ limit: 1, status: 'published' })) as unknown as Array<{ documentId: string }>;
      const response = await api('post', '/preview')
        .send({
          contentType: ARTICLE,
          documentId: article.documentId,
          caller: { visitorId: 'p', traits: { slow: true } },
        })
        .expect(200);
      return response.body.data as { reason: string; trace: Array<{ error: string | null }> };
    };
    const paused = await preview();
    expect(paused.reason).toBe('rule-error');
    expect(paused.trace[0].error).toMatch(/rule paused for \d+ s: its renders kept hitting limits/);

    // A new version of the template is a changed rule: it renders again.
    await api('put', '/templates/sometimes-slow')
      .send({ body: "{% if visitor.traits.slow %}{% variant 'premium' %}{% endif %}" })
      .expect(200);
    const resumed = await preview();
    expect(resumed.trace[0].error).toBeNull();
    expect(resumed.reason).not.toBe('rule-error');
  });
});
