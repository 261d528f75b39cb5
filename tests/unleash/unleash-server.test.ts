import { getService } from '../../src/plugins/personalization/server/src/utils/get-service';
import { createFullAccessToken } from '../helpers/api-token';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { startUnleashServer, type UnleashServer } from '../helpers/unleash-server';
import { createArticleVariant } from '../helpers/variants';

const FLAG = 'personalization.plan-premium';
const FEATURES = 'projects/default/features';

/** Polls until `check` passes or the timeout ends; returns the last value for the assertion. */
const eventually = async <T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 15_000
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
};

describe('rules behind a real Unleash server', () => {
  let unleash: UnleashServer;
  let app: TestApp;
  let token: string;
  let baseId: string;
  let strategyId: string;

  const api = (method: 'get' | 'post' | 'put' | 'delete', path: string) =>
    app.http()[method](`/api/personalization${path}`).set('Authorization', `Bearer ${token}`);

  const previewFor = async (plan: string, visitorId = 'visitor-1') => {
    const response = await api('post', '/preview').send({
      contentType: 'api::article.article',
      documentId: baseId,
      caller: { visitorId, traits: { plan } },
    });
    return response.body.data as { variant: string | null; reason: string };
  };

  beforeAll(async () => {
    unleash = await startUnleashServer();
    app = await startStrapi({
      env: {
        UNLEASH_URL: unleash.url,
        UNLEASH_API_TOKEN: unleash.clientToken,
        UNLEASH_REFRESH_INTERVAL_MS: '500',
        UNLEASH_TIMEOUT_MS: '2000',
      },
    });
    token = await createFullAccessToken(app.strapi);
    ({ baseId } = await createArticleVariant(app.strapi, 'premium'));
    await api('post', '/templates')
      .send({
        name: 'by-plan',
        body: "{% if visitor.traits.plan == 'pro' %}{% variant 'premium' %}{% endif %}",
        testCases: [
          {
            name: 'pro',
            caller: { traits: { plan: 'pro' } },
            variants: ['premium'],
            expected: 'premium',
          },
        ],
      })
      .expect(201);
    await api('post', '/rules')
      .send({
        name: 'plan-premium',
        contentType: 'api::article.article',
        template: 'by-plan',
        status: 'active',
      })
      .expect(201);
  });

  afterAll(async () => {
    await app?.destroy();
    await unleash?.stop();
  });

  it('lists the server flags read-only and refuses local flag writes', async () => {
    const list = await api('get', '/flags').expect(200);
    expect(list.body.meta.mode).toBe('remote');
    const write = await api('post', '/flags').send({ name: 'local-one' });
    expect(write.status).toBe(400);
    expect(write.body.error.message).toMatch(/managed in the Unleash server/);
  });

  it('applies the rule once the flag is created and switched on in Unleash', async () => {
    expect(await previewFor('pro')).toMatchObject({ variant: null, reason: 'flag-off' });

    await unleash.admin('POST', FEATURES, { name: FLAG, type: 'release' });
    const strategy = (await unleash.admin(
      'POST',
      `${FEATURES}/${FLAG}/environments/development/strategies`,
      {
        name: 'flexibleRollout',
        parameters: { rollout: '100', stickiness: 'default', groupId: FLAG },
        constraints: [],
      }
    )) as { id: string };
    strategyId = strategy.id;
    await unleash.admin('POST', `${FEATURES}/${FLAG}/environments/development/on`);

    const decision = await eventually(
      () => previewFor('pro'),
      (value) => value.reason === 'rule'
    );
    expect(decision).toMatchObject({ variant: 'premium', reason: 'rule' });
  });

  it('serves base content within seconds of switching the flag off', async () => {
    await unleash.admin('POST', `${FEATURES}/${FLAG}/environments/development/off`);
    const decision = await eventually(
      () => previewFor('pro'),
      (value) => value.reason === 'flag-off'
    );
    expect(decision).toMatchObject({ variant: null, reason: 'flag-off' });
    await unleash.admin('POST', `${FEATURES}/${FLAG}/environments/development/on`);
    await eventually(
      () => previewFor('pro'),
      (value) => value.reason === 'rule'
    );
  });

  it('splits a 50% rollout 45-55% over 3000 synthetic callers, sticky per caller', async () => {
    await unleash.admin(
      'PUT',
      `${FEATURES}/${FLAG}/environments/development/strategies/${strategyId}`,
      {
        name: 'flexibleRollout',
        parameters: { rollout: '50', stickiness: 'default', groupId: FLAG },
        constraints: [],
      }
    );
    const flags = getService(app.strapi, 'flags');
    const callers = Array.from({ length: 3000 }, (_, index) => ({
      visitorId: `synthetic-${index}`,
    }));
    const share = () =>
      callers.filter((caller) => flags.evaluate(FLAG, caller).enabled).length / callers.length;
    await eventually(
      async () => share(),
      (value) => value < 0.9
    );

    const first = callers.map((caller) => flags.evaluate(FLAG, caller).enabled);
    const ratio = first.filter(Boolean).length / callers.length;
    expect(ratio).toBeGreaterThan(0.45);
    expect(ratio).toBeLessThan(0.55);
    expect(callers.map((caller) => flags.evaluate(FLAG, caller).enabled)).toEqual(first);
  });

  it('leaves flags in Unleash alone when a rule is deleted and created again', async () => {
    const rule = {
      name: 'plan-premium',
      contentType: 'api::article.article',
      template: 'by-plan',
      status: 'active',
    };
    await api('delete', '/rules/plan-premium').expect(204);
    await api('post', '/rules').send(rule).expect(201);

    const feature = (await unleash.admin('GET', `${FEATURES}/${FLAG}`)) as {
      environments: { name: string; enabled: boolean }[];
    };
    const development = feature.environments.find((env) => env.name === 'development');
    expect(development?.enabled).toBe(true);
    const list = await api('get', '/flags').expect(200);
    expect(list.body.meta.mode).toBe('remote');
    expect(list.body.data.map((flag: { name: string }) => flag.name)).toContain(FLAG);
  });

  it('keeps answering with the last-known flags when the Unleash server dies', async () => {
    const flags = getService(app.strapi, 'flags');
    const before = Array.from(
      { length: 200 },
      (_, index) => flags.evaluate(FLAG, { visitorId: `synthetic-${index}` }).enabled
    );

    await unleash.kill();
    // Several refresh intervals with the server gone: fetches fail in the background.
    await new Promise((resolve) => setTimeout(resolve, 2500));

    const after = Array.from(
      { length: 200 },
      (_, index) => flags.evaluate(FLAG, { visitorId: `synthetic-${index}` }).enabled
    );
    expect(after).toEqual(before);
    const response = await api('post', '/preview').send({
      contentType: 'api::article.article',
      documentId: baseId,
      caller: { visitorId: 'synthetic-0', traits: { plan: 'pro' } },
    });
    expect(response.status).toBe(200);
    expect(['rule', 'flag-off']).toContain(response.body.data.reason);
  });
});
