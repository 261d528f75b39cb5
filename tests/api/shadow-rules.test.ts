import { createFullAccessToken } from '../helpers/api-token';
import { audienceCalls } from '../helpers/audience';
import { managementApi } from '../helpers/rules';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { createArticleVariant } from '../helpers/variants';

/** Issue 14: shadow rules are evaluated beside the live decision, recorded, and never served. */

const ARTICLE = 'api::article.article';
const PREMIUM_TEMPLATE =
  "{% if visitor.traits.plan == 'premium' %}{% variant 'premium' %}{% endif %}";
const ALWAYS_PREMIUM = "{% variant 'premium' %}";
/** Rules follow a template's latest version with passing test cases: these make them pass. */
const PREMIUM_CASES = [
  {
    name: 'premium reader',
    caller: { traits: { plan: 'premium' } },
    variants: ['premium'],
    expected: 'premium',
  },
  {
    name: 'free reader',
    caller: { traits: { plan: 'free' } },
    variants: ['premium'],
    expected: null,
  },
];
const ALWAYS_PREMIUM_CASES = [
  {
    name: 'free reader too',
    caller: { traits: { plan: 'free' } },
    variants: ['premium'],
    expected: 'premium',
  },
];
// 10 000 characters: far over the sandbox's 4 KB output limit.
const OVER_THE_LIMIT = '{% for i in (1..1000) %}xxxxxxxxxx{% endfor %}';

const GRAPHQL_LIST = `query {
  articles(pagination: { pageSize: 100 }) {
    documentId
    title
    personalization { variant reason rule { name version } flag { name enabled variant } }
  }
}`;

const SHADOW_ENV = {
  SEED_DEMO_RULES: 'false',
  // Tags arriving between two reads would change the bodies compared byte for byte.
  PERSONALIZATION_TAGGING_ENABLED: 'false',
  PERSONALIZATION_SHADOW_SAMPLE_RATE: '1',
  PERSONALIZATION_SHADOW_FLUSH_MS: '100',
};

/** Ten callers: 0–4 are in the "readers" segment; 0, 1, 2 and 7 declare the premium plan. */
const CALLERS = Array.from({ length: 10 }, (_, index) => ({
  visitorId: `shadow-caller-${index}`,
  traits: { plan: [0, 1, 2, 7].includes(index) ? 'premium' : 'free' },
  reader: index < 5,
}));

describe('shadow rules', () => {
  let app: TestApp;
  let token: string;
  let baseId: string;
  const api = (method: 'get' | 'post' | 'put' | 'delete', path: string) =>
    managementApi(app, token)(method, path);

  const headersOf = (caller: (typeof CALLERS)[number]) => ({
    'X-Visitor-Id': caller.visitorId,
    'X-Visitor-Traits': JSON.stringify(caller.traits),
  });
  const rest = (caller: (typeof CALLERS)[number]) =>
    app.http().get('/api/articles?pagination[pageSize]=100').set(headersOf(caller)).expect(200);
  /** The one article with a variant: one render per evaluation, far from the render budget. */
  const restOne = (caller: (typeof CALLERS)[number]) =>
    app
      .http()
      .get(`/api/articles?filters[documentId][$eq]=${baseId}`)
      .set(headersOf(caller))
      .expect(200);
  const graphql = (caller: (typeof CALLERS)[number]) =>
    app.http().post('/graphql').set(headersOf(caller)).send({ query: GRAPHQL_LIST }).expect(200);

  /** Every caller's REST and GraphQL answer, as raw bytes. */
  const bodies = async (): Promise<string[]> => {
    const answers: string[] = [];
    for (const caller of CALLERS) {
      answers.push((await rest(caller)).text, (await graphql(caller)).text);
    }
    return answers;
  };

  const variantFor = async (caller: (typeof CALLERS)[number]): Promise<string | null> => {
    const response = await restOne(caller);
    const entry = (
      response.body.data as Array<{ documentId: string; personalization: { variant: string } }>
    ).find((article) => article.documentId === baseId);
    return entry?.personalization.variant ?? null;
  };

  const report = async (name: string) =>
    (await api('get', `/rules/${name}/shadow-report`).expect(200)).body.data;

  const shadowRule = (name: string, template: string, extra: Record<string, unknown> = {}) =>
    api('post', '/rules')
      .send({ name, contentType: ARTICLE, template, status: 'shadow', ...extra })
      .expect(201);

  beforeAll(async () => {
    app = await startStrapi({ env: SHADOW_ENV });
    token = await createFullAccessToken(app.strapi);
    ({ baseId } = await createArticleVariant(app.strapi, 'premium'));
    await api('post', '/segments')
      .send({ name: 'readers', condition: { field: 'profile.visits', op: 'gte', value: 1 } })
      .expect(201);
    for (const caller of CALLERS.filter((candidate) => candidate.reader)) {
      const calls = audienceCalls(app, { visitorId: caller.visitorId });
      await calls.consent({ analytics: true }).expect(200);
      await calls
        .events([
          {
            id: `${caller.visitorId}-view`,
            type: 'view',
            entry: { uid: ARTICLE, documentId: baseId },
            timestamp: new Date().toISOString(),
            sessionId: 'session-1',
          },
        ])
        .expect(202);
    }
    await api('post', '/templates')
      .send({ name: 'premium-plan', body: PREMIUM_TEMPLATE, testCases: PREMIUM_CASES })
      .expect(201);
    // No test case can pass: shadow rules pin its version 1 to render it.
    await api('post', '/templates').send({ name: 'runaway', body: OVER_THE_LIMIT }).expect(201);
  });

  afterAll(async () => {
    await app.destroy();
  });

  it('never changes a response: REST and GraphQL bodies are byte-equal with the shadow rule on and off', async () => {
    const off = await bodies();
    await shadowRule('shadow-equal', 'premium-plan');
    const on = await bodies();
    expect(on).toEqual(off);
    const data = await report('shadow-equal');
    // Every REST and GraphQL request was evaluated, and the premium callers would differ.
    expect(data.evaluated).toBeGreaterThanOrEqual(20);
    expect(data.diverged).toBeGreaterThan(0);
    await api('post', '/rules/shadow-equal/shadow/discard').send({}).expect(200);
  });

  it('counts divergence overall and per segment on a controlled set of callers, with pseudonymous examples', async () => {
    await shadowRule('shadow-premium', 'premium-plan');
    for (const caller of CALLERS) await restOne(caller);
    const data = await report('shadow-premium');
    expect(data).toMatchObject({
      rule: 'shadow-premium',
      status: 'shadow',
      shadowing: true,
      sampleRate: 1,
      evaluated: 10,
      diverged: 4,
      divergence: 0.4,
      decisions: 10,
      divergedDecisions: 4,
      errors: 0,
      dropped: 0,
    });
    expect(data.segments).toEqual([
      { segment: '(no segment)', evaluated: 5, diverged: 1, divergence: 0.2 },
      { segment: 'readers', evaluated: 5, diverged: 3, divergence: 0.6 },
    ]);
    expect(data.examples).toHaveLength(4);
    for (const example of data.examples) {
      expect(example.traits).toEqual({ plan: 'premium' });
      expect(example.callerKey).not.toMatch(/shadow-caller/);
      expect(example.differences).toEqual([
        { documentId: baseId, live: null, candidate: 'premium' },
      ]);
    }
    expect(data.timing.count).toBe(10);
    expect(data.timing.maxMs).toBeGreaterThanOrEqual(data.timing.meanMs);
    expect(await variantFor(CALLERS[0])).toBeNull();
  });

  it('promotes a shadow rule: active, its report cleared, served once its flag is on', async () => {
    const promoted = await api('post', '/rules/shadow-premium/shadow/promote').send({}).expect(200);
    expect(promoted.body.data.rule).toMatchObject({ status: 'active', shadow: null });
    // The ten callers, and the check that caller 0 was not served the variant.
    expect(promoted.body.data.report.evaluated).toBe(11);
    // A live rule still needs its flag.
    expect(await variantFor(CALLERS[0])).toBeNull();
    await api('put', '/flags/personalization.shadow-premium').send({ enabled: true }).expect(200);
    expect(await variantFor(CALLERS[0])).toBe('premium');
    expect(await variantFor(CALLERS[3])).toBeNull();
    const after = await report('shadow-premium');
    expect(after).toMatchObject({ shadowing: false, evaluated: 0, examples: [] });
  });

  it('shadows a candidate template version of a live rule and promotes it by pinning the version', async () => {
    await api('put', '/rules/shadow-premium').send({ templateVersion: 1 }).expect(200);
    await api('put', '/templates/premium-plan')
      .send({ body: ALWAYS_PREMIUM, testCases: ALWAYS_PREMIUM_CASES })
      .expect(200);
    const versions = (await api('get', '/templates/premium-plan/versions').expect(200)).body.data;
    const latest = Math.max(...versions.map((version: { version: number }) => version.version));
    await api('put', '/rules/shadow-premium')
      .send({ shadow: { templateVersion: latest } })
      .expect(200);
    for (const caller of CALLERS) await restOne(caller);
    const data = await report('shadow-premium');
    // The six free callers would get the premium variant; the premium ones already do.
    expect(data).toMatchObject({ status: 'active', evaluated: 10, diverged: 6 });
    expect(data.candidate).toEqual({ templateVersion: latest });
    expect(await variantFor(CALLERS[3])).toBeNull();

    const promoted = await api('post', '/rules/shadow-premium/shadow/promote').send({}).expect(200);
    expect(promoted.body.data.rule).toMatchObject({ templateVersion: latest, shadow: null });
    expect(await variantFor(CALLERS[3])).toBe('premium');
    await api('delete', '/rules/shadow-premium').expect(204);
  });

  it('discards a shadow rule: disabled, report cleared, not evaluated any more', async () => {
    await shadowRule('shadow-discard', 'premium-plan', { templateVersion: 1 });
    await restOne(CALLERS[0]);
    expect((await report('shadow-discard')).evaluated).toBe(1);
    const discarded = await api('post', '/rules/shadow-discard/shadow/discard')
      .send({})
      .expect(200);
    expect(discarded.body.data.rule).toMatchObject({ status: 'disabled', shadow: null });
    await restOne(CALLERS[0]);
    expect(await report('shadow-discard')).toMatchObject({ shadowing: false, evaluated: 0 });
    await api('delete', '/rules/shadow-discard').expect(204);
  });

  it('decides a recreated rule and template of the same names with the new body, not cached answers', async () => {
    const recreate = async (body: string, testCases: unknown[]) => {
      await api('post', '/templates').send({ name: 'recreated', body, testCases }).expect(201);
      await shadowRule('shadow-recreated', 'recreated', { templateVersion: 1 });
      for (const caller of CALLERS) await restOne(caller);
      return report('shadow-recreated');
    };
    const removeBoth = async () => {
      await api('delete', '/rules/shadow-recreated').expect(204);
      await api('delete', '/templates/recreated').expect(204);
    };

    // No live rule is left: the candidate alone decides. The premium callers (4 of 10) diverge.
    expect(await recreate(PREMIUM_TEMPLATE, PREMIUM_CASES)).toMatchObject({
      evaluated: 10,
      diverged: 4,
    });
    await removeBoth();
    // Same rule name, template name and version 1: every caller diverges with the new body.
    expect(await recreate(ALWAYS_PREMIUM, ALWAYS_PREMIUM_CASES)).toMatchObject({
      evaluated: 10,
      diverged: 10,
    });
    await removeBoth();
  });

  it('counts the errors of a template that hits a limit, and never lets them into responses', async () => {
    const off = await bodies();
    await shadowRule('shadow-runaway', 'runaway', { templateVersion: 1 });
    const on = await bodies();
    expect(on).toEqual(off);
    expect(on.join('').includes('rule-error')).toBe(false);
    const data = await report('shadow-runaway');
    expect(data.evaluated).toBeGreaterThanOrEqual(20);
    expect(data.errors).toBe(data.evaluated);
    expect(data.diverged).toBe(0);
    expect(data.recentErrors.length).toBeGreaterThan(0);
    expect(data.recentErrors[0]).toMatch(/output|limit|paused/i);
    await api('post', '/rules/shadow-runaway/shadow/discard').send({}).expect(200);
    await api('delete', '/rules/shadow-runaway').expect(204);
  });

  it('follows a per-rule sample rate: 0 evaluates nothing', async () => {
    await shadowRule('shadow-never', 'premium-plan', {
      templateVersion: 1,
      shadow: { sampleRate: 0 },
    });
    for (const caller of CALLERS.slice(0, 3)) await restOne(caller);
    expect(await report('shadow-never')).toMatchObject({ sampleRate: 0, evaluated: 0 });
    await api('delete', '/rules/shadow-never').expect(204);
  });

  it.each([
    [
      'shadow settings on a disabled rule',
      { status: 'disabled', shadow: { sampleRate: 0.5 } },
      /^shadow: a disabled rule/,
    ],
    [
      'a live rule without a candidate version',
      { status: 'active', shadow: { sampleRate: 0.5 } },
      /^shadow\.templateVersion: a live rule/,
    ],
    ['a sample rate over 1', { status: 'shadow', shadow: { sampleRate: 2 } }, /shadow\.sampleRate/],
    ['an unknown shadow key', { status: 'shadow', shadow: { colour: 'red' } }, /colour/],
    [
      'a candidate version that does not exist',
      { status: 'shadow', shadow: { templateVersion: 99 } },
      /has no version 99/,
    ],
  ])('refuses %s with a 400 and stores nothing', async (_label, fields, message) => {
    const response = await api('post', '/rules')
      .send({ name: 'shadow-invalid', contentType: ARTICLE, template: 'premium-plan', ...fields })
      .expect(400);
    expect(response.body.error.message).toMatch(message);
    await api('get', '/rules/shadow-invalid').expect(404);
  });

  it('refuses to promote or discard a rule that is not in shadow, and a body on the actions', async () => {
    await api('post', '/rules')
      .send({ name: 'not-shadowed', contentType: ARTICLE, template: 'premium-plan' })
      .expect(201);
    const promote = await api('post', '/rules/not-shadowed/shadow/promote').send({}).expect(400);
    expect(promote.body.error.message).toMatch(/is not in shadow/);
    await api('post', '/rules/not-shadowed/shadow/discard').send({}).expect(400);
    await api('post', '/rules/not-shadowed/shadow/promote').send({ force: true }).expect(400);
    await api('get', '/rules/missing/shadow-report').expect(404);
    expect((await api('get', '/rules/not-shadowed').expect(200)).body.data.status).toBe('disabled');
  });

  it('keeps the counts across a restart', async () => {
    await shadowRule('shadow-restart', 'premium-plan', { templateVersion: 1 });
    for (const caller of CALLERS.slice(0, 3)) await restOne(caller);
    const { database } = app;
    await app.stop();
    app = await startStrapi({ database, env: SHADOW_ENV });
    expect(await report('shadow-restart')).toMatchObject({ evaluated: 3, diverged: 3 });
  });

  it('needs a token for the report', async () => {
    await app.http().get('/api/personalization/rules/not-shadowed/shadow-report').expect(403);
  });
});
