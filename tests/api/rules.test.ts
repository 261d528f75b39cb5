import { createFullAccessToken } from '../helpers/api-token';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { createArticleVariant } from '../helpers/variants';

const byPlan = {
  name: 'by-plan',
  description: 'Premium readers get the premium variant.',
  body: "{% if visitor.traits.plan == params.premiumPlan %}{% variant 'premium' %}{% endif %}",
  parameters: [
    {
      name: 'premiumPlan',
      type: 'string',
      default: 'pro',
      description: 'The plan that sees premium',
    },
  ],
  testCases: [
    {
      name: 'pro reader',
      caller: { traits: { plan: 'pro' } },
      variants: ['premium'],
      expected: 'premium',
    },
    {
      name: 'free reader',
      caller: { traits: { plan: 'free' } },
      variants: ['premium'],
      expected: null,
    },
  ],
  documentation: 'Chooses the premium variant for the premium plan.',
};

describe('rules over the API', () => {
  let app: TestApp;
  let token: string;
  let baseId: string;

  const api = (method: 'get' | 'post' | 'put' | 'delete', path: string) =>
    app.http()[method](`/api/personalization${path}`).set('Authorization', `Bearer ${token}`);

  const preview = (traits: Record<string, string>, visitorId = 'visitor-1') =>
    api('post', '/preview').send({
      contentType: 'api::article.article',
      documentId: baseId,
      caller: { visitorId, traits },
    });

  beforeAll(async () => {
    app = await startStrapi();
    token = await createFullAccessToken(app.strapi);
    ({ baseId } = await createArticleVariant(app.strapi, 'premium'));
  });

  afterAll(async () => {
    await app.destroy();
  });

  it('refuses management calls without a token', async () => {
    const response = await app.http().get('/api/personalization/templates');
    expect([401, 403]).toContain(response.status);
  });

  it('rejects a template with a syntax error with line and column, storing nothing', async () => {
    const response = await api('post', '/templates').send({
      name: 'broken',
      body: 'Hello\n{% if visitor.traits.plan %}\npremium',
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/line \d+, column \d+/);
    expect(response.body.error.details.problems[0]).toMatchObject({ line: 2, template: 'broken' });
    await api('get', '/templates/broken').expect(404);
  });

  it.each([
    ['an unknown partial', "x\n  {% render 'nowhere' %}", /unknown partial "nowhere"/, 2, 3],
    [
      'an undeclared parameter',
      '{{ params.colour }}',
      /undeclared parameter "params.colour"/,
      1,
      4,
    ],
    ['an unknown variable', '{{ usr.id }}', /undeclared variable "usr"/, 1, 4],
  ])('rejects %s with line and column', async (_label, body, message, line, column) => {
    const response = await api('post', '/templates').send({ name: 'bad', body });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(message);
    expect(response.body.error.details.problems[0]).toMatchObject({ line, column });
  });

  it('rejects unknown keys and wrong types in the body, naming them', async () => {
    const unknown = await api('post', '/templates').send({ name: 'x', body: 'x', colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/colour/);
    const wrongType = await api('post', '/templates').send({ name: 'x', body: 42 });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.message).toMatch(/^body: /);
  });

  it('creates a template with parameters and tests as version 1 and runs the tests', async () => {
    const response = await api('post', '/templates').send(byPlan).expect(201);
    expect(response.body.data).toMatchObject({ name: 'by-plan', latestVersion: 1 });
    expect(response.body.meta.tests).toMatchObject({ passed: true, total: 2, failed: 0 });
  });

  it('rejects a cycle between partials', async () => {
    await api('post', '/templates').send({ name: 'ping', body: 'ping' }).expect(201);
    await api('post', '/templates').send({ name: 'pong', body: "{% render 'ping' %}" }).expect(201);
    const response = await api('put', '/templates/ping').send({ body: "{% render 'pong' %}" });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/cycle: ping → pong → ping/);
    const stored = await api('get', '/templates/ping').expect(200);
    expect(stored.body.data).toMatchObject({ body: 'ping', latestVersion: 1 });
  });

  it('attaches the template as a rule behind a flag that starts switched off', async () => {
    const response = await api('post', '/rules')
      .send({
        name: 'plan-premium',
        contentType: 'api::article.article',
        template: 'by-plan',
        status: 'active',
      })
      .expect(201);
    expect(response.body.data.flagName).toBe('personalization.plan-premium');
    const flag = await api('get', '/flags/personalization.plan-premium').expect(200);
    expect(flag.body.data.enabled).toBe(false);

    const off = await preview({ plan: 'pro' }).expect(200);
    expect(off.body.data).toMatchObject({ variant: null, reason: 'flag-off' });
  });

  it('gives two callers two different variants once the flag is on, with a full trace', async () => {
    await api('put', '/flags/personalization.plan-premium').send({ enabled: true }).expect(200);

    const pro = await preview({ plan: 'pro' }).expect(200);
    expect(pro.body.data).toMatchObject({
      variant: 'premium',
      reason: 'rule',
      rule: { name: 'plan-premium', version: 1 },
      flag: { name: 'personalization.plan-premium', enabled: true },
      availableVariants: ['premium'],
    });
    expect(pro.body.data.content.title).toMatch(/\(premium\)$/);
    expect(pro.body.data.content.documentId).toBe(baseId);
    // The variant leaves its summary empty: the preview shows the base's, as delivery serves it.
    const base = (await app.strapi
      .documents('api::article.article')
      .findOne({ documentId: baseId, status: 'published' })) as unknown as { summary: string };
    expect(base.summary.length).toBeGreaterThan(0);
    expect(pro.body.data.content.summary).toBe(base.summary);
    expect(pro.body.data.trace[0]).toMatchObject({
      rule: 'plan-premium',
      outcome: 'chose-variant',
      variant: 'premium',
    });
    expect(typeof pro.body.data.trace[0].durationMs).toBe('number');

    const free = await preview({ plan: 'free' }, 'visitor-2').expect(200);
    expect(free.body.data).toMatchObject({ variant: null, reason: 'rule' });
    expect(free.body.data.trace[0].outcome).toBe('chose-base');
    expect(free.body.data.content.title).not.toMatch(/\(premium\)$/);
  });

  it('keeps rules on the last passing version when a new version fails its tests', async () => {
    const response = await api('put', '/templates/by-plan')
      .send({ body: "{% variant 'premium' %}", note: 'everyone premium' })
      .expect(200);
    expect(response.body.meta).toMatchObject({ version: 2, tests: { passed: false, failed: 1 } });

    const free = await preview({ plan: 'free' }, 'visitor-2').expect(200);
    expect(free.body.data).toMatchObject({ variant: null, rule: { version: 1 } });

    const pinned = await api('post', '/rules').send({
      name: 'pinned-to-failing',
      contentType: 'api::article.article',
      template: 'by-plan',
      templateVersion: 2,
      status: 'active',
    });
    expect(pinned.status).toBe(400);
    expect(pinned.body.error.message).toMatch(/version 2 of template "by-plan" fails its tests/);
  });

  it('rolls back in one call, recorded as a new version', async () => {
    const response = await api('post', '/templates/by-plan/rollback')
      .send({ version: 1 })
      .expect(200);
    expect(response.body.meta).toMatchObject({ version: 3, tests: { passed: true } });
    expect(response.body.data.body).toBe(byPlan.body);

    const versions = await api('get', '/templates/by-plan/versions').expect(200);
    expect(versions.body.data.map((entry: { version: number }) => entry.version)).toEqual([
      3, 2, 1,
    ]);
    expect(versions.body.data[0].note).toBe('rollback to version 1');

    const pro = await preview({ plan: 'pro' }).expect(200);
    expect(pro.body.data.rule).toEqual({ name: 'plan-premium', version: 3 });
  });

  it('answers 200 with base content and reason rule-error when a template fails at render', async () => {
    await api('post', '/templates')
      .send({
        name: 'spin',
        body: "{% if visitor.traits.plan == 'pro' %}{% for i in (1..100000000) %}x{% endfor %}{% endif %}",
        testCases: [{ name: 'free reader', caller: { traits: { plan: 'free' } }, expected: null }],
      })
      .expect(201);
    await api('post', '/rules')
      .send({
        name: 'spin-first',
        contentType: 'api::article.article',
        template: 'spin',
        priority: 10,
        status: 'active',
      })
      .expect(201);
    await api('put', '/flags/personalization.spin-first').send({ enabled: true }).expect(200);

    const response = await preview({ plan: 'pro' }).expect(200);
    expect(response.body.data).toMatchObject({
      variant: null,
      reason: 'rule-error',
      rule: { name: 'spin-first' },
    });
    expect(response.body.data.trace[0].error).toMatch(/limit exceeded/);
    expect(response.body.data.content.title).not.toMatch(/\(premium\)$/);

    await api('put', '/rules/spin-first').send({ status: 'disabled' }).expect(200);
    const after = await preview({ plan: 'pro' }).expect(200);
    expect(after.body.data).toMatchObject({ variant: 'premium', reason: 'rule' });
    expect(after.body.data.trace[0]).toMatchObject({ rule: 'spin-first', outcome: 'disabled' });
  });

  it('switches the rule off with its flag', async () => {
    await api('put', '/flags/personalization.plan-premium').send({ enabled: false }).expect(200);
    const response = await preview({ plan: 'pro' }).expect(200);
    expect(response.body.data).toMatchObject({ variant: null, reason: 'flag-off' });
  });

  it('refuses to delete a template a rule uses, and a rule for a type without variants', async () => {
    const used = await api('delete', '/templates/by-plan');
    expect(used.status).toBe(400);
    expect(used.body.error.message).toMatch(/used by rule\(s\) plan-premium/);

    const wrongType = await api('post', '/rules').send({
      name: 'users',
      contentType: 'plugin::users-permissions.user',
      template: 'by-plan',
    });
    expect(wrongType.status).toBe(400);
  });

  it('reports a missing entry as 404 and a malformed caller as 400', async () => {
    await api('post', '/preview')
      .send({ contentType: 'api::article.article', documentId: 'nope', caller: {} })
      .expect(404);
    const malformed = await api('post', '/preview').send({
      contentType: 'api::article.article',
      documentId: baseId,
      caller: { visitorId: 'has spaces!' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/caller\.visitorId/);
  });

  it("deletes a rule's flag with the rule, so the rule created again under its name starts off", async () => {
    const rule = {
      name: 'short-lived',
      contentType: 'api::article.article',
      template: 'by-plan',
      priority: 20,
      status: 'active',
    };
    await api('post', '/rules').send(rule).expect(201);
    await api('put', '/flags/personalization.short-lived')
      .send({ enabled: true, rollout: 100 })
      .expect(200);
    const live = await preview({ plan: 'pro' }).expect(200);
    expect(live.body.data).toMatchObject({ variant: 'premium', rule: { name: 'short-lived' } });

    await api('delete', '/rules/short-lived').expect(204);
    await api('get', '/flags/personalization.short-lived').expect(404);

    await api('post', '/rules').send(rule).expect(201);
    const flag = await api('get', '/flags/personalization.short-lived').expect(200);
    expect(flag.body.data.enabled).toBe(false);
    const recreated = await preview({ plan: 'pro' }).expect(200);
    expect(recreated.body.data.trace[0]).toMatchObject({
      rule: 'short-lived',
      outcome: 'flag-off',
    });
    await api('delete', '/rules/short-lived').expect(204);
  });

  it('switches off a flag made before its rule, and keeps a flag another rule still uses', async () => {
    await api('post', '/flags').send({ name: 'premade-gate', enabled: true }).expect(201);
    await api('post', '/rules')
      .send({
        name: 'premade',
        contentType: 'api::article.article',
        template: 'by-plan',
        flagName: 'premade-gate',
      })
      .expect(201);
    const premade = await api('get', '/flags/premade-gate').expect(200);
    expect(premade.body.data.enabled).toBe(false);

    await api('put', '/flags/premade-gate').send({ enabled: true }).expect(200);
    await api('post', '/rules')
      .send({
        name: 'premade-twin',
        contentType: 'api::article.article',
        template: 'by-plan',
        flagName: 'premade-gate',
      })
      .expect(201);
    const shared = await api('get', '/flags/premade-gate').expect(200);
    expect(shared.body.data.enabled).toBe(true);
    await api('delete', '/rules/premade-twin').expect(204);
    await api('get', '/flags/premade-gate').expect(200);
    await api('delete', '/rules/premade').expect(204);
    await api('get', '/flags/premade-gate').expect(404);
  });

  it('refuses to activate a rule on a template without test cases, naming the reason', async () => {
    await api('post', '/templates')
      .send({ name: 'untested', body: "{% variant 'premium' %}" })
      .expect(201);
    const rule = { name: 'on-untested', contentType: 'api::article.article', template: 'untested' };

    const latest = await api('post', '/rules')
      .send({ ...rule, status: 'active' })
      .expect(400);
    expect(latest.body.error.message).toMatch(
      /cannot activate rule "on-untested": template "untested" has no test cases; .*at least one passing test case/
    );
    const pinned = await api('post', '/rules')
      .send({ ...rule, templateVersion: 1, status: 'active' })
      .expect(400);
    expect(pinned.body.error.message).toMatch(/version 1 of template "untested" has no test cases/);
    await api('get', '/rules/on-untested').expect(404);

    await api('post', '/rules').send(rule).expect(201);
    const activated = await api('put', '/rules/on-untested').send({ status: 'active' }).expect(400);
    expect(activated.body.error.message).toMatch(/has no test cases/);
    const stored = await api('get', '/rules/on-untested').expect(200);
    expect(stored.body.data.status).toBe('disabled');
  });

  it('keeps an active rule on its last tested version when a new version drops the test cases', async () => {
    await api('put', '/flags/personalization.plan-premium').send({ enabled: true }).expect(200);
    const untested = await api('put', '/templates/by-plan')
      .send({ body: "{% variant 'premium' %}", testCases: [], note: 'no tests' })
      .expect(200);
    expect(untested.body.meta.version).toBe(4);

    const free = await preview({ plan: 'free' }, 'visitor-2').expect(200);
    expect(free.body.data).toMatchObject({
      variant: null,
      reason: 'rule',
      rule: { name: 'plan-premium', version: 3 },
    });
    await api('put', '/flags/personalization.plan-premium').send({ enabled: false }).expect(200);
  });
});
