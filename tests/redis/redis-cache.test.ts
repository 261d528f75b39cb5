import Redis from 'ioredis';
import { getService } from '../../src/plugins/personalization/server/src/utils/get-service';
import { audienceCalls, viewEvent } from '../helpers/audience';
import { createFullAccessToken } from '../helpers/api-token';
import { managementApi, rollOutArticleRule } from '../helpers/rules';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { createArticleVariant } from '../helpers/variants';

const REDIS_URL = process.env.PZ_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

const decisionKeys = async (redis: Redis) => {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', 'pz:decision:*', 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
};

const eventually = async (check: () => Promise<boolean>, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check()) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
};

/** Deletes a template's rows directly, as another instance would (this one is not told). */
const removeTemplateRows = async (app: TestApp, name: string) => {
  await app.strapi.db
    .query('plugin::personalization.template-version')
    .deleteMany({ where: { templateName: name } });
  await app.strapi.db.query('plugin::personalization.template').delete({ where: { name } });
};

describe('decision cache shared through Redis', () => {
  let app: TestApp;
  let redis: Redis;
  let baseId: string;
  let variantTitle: string;

  const list = (plan: string, visitorId: string) =>
    app
      .http()
      .get('/api/articles')
      .query({ 'pagination[pageSize]': 100 })
      .set({ 'X-Visitor-Id': visitorId, 'X-Visitor-Traits': JSON.stringify({ plan }) });

  const titleOfBase = (body: { data: Array<{ documentId: string; title: string }> }) =>
    body.data.find((entry) => entry.documentId === baseId)?.title;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    const stale = await decisionKeys(redis);
    if (stale.length > 0) await redis.del(...stale);

    app = await startStrapi({ env: { REDIS_URL } });
    const token = await createFullAccessToken(app.strapi);
    ({ baseId, variantTitle } = await createArticleVariant(app.strapi, 'premium'));
    await rollOutArticleRule(app, token, {
      name: 'plan-premium',
      template: 'by-plan',
      body: "{% if visitor.traits.plan == 'pro' %}premium{% endif %}",
    });
    expect(
      await eventually(async () => getService(app.strapi, 'cache').stats().redis === 'ready')
    ).toBe(true);
  });

  afterAll(async () => {
    await app?.destroy();
    const keys = await decisionKeys(redis);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('stores decisions in Redis and answers the next caller with the same plan from the cache', async () => {
    const first = await list('pro', 'visitor-a').expect(200);
    expect(titleOfBase(first.body)).toBe(variantTitle);
    expect(await eventually(async () => (await decisionKeys(redis)).length >= 24)).toBe(true);

    const before = getService(app.strapi, 'cache').stats();
    // Another visitor, same plan: the template reads only the plan, so the decisions are shared.
    const second = await list('pro', 'visitor-b').expect(200);
    expect(titleOfBase(second.body)).toBe(variantTitle);
    const after = getService(app.strapi, 'cache').stats();
    expect(after.hits - before.hits).toBe(24);

    const free = await list('free', 'visitor-c').expect(200);
    expect(titleOfBase(free.body)).not.toBe(variantTitle);
  });

  it('reloads the rules when another instance announces a change', async () => {
    // Another instance switched the rule off: its row changed, and it published a notice.
    await app.strapi.db.query('plugin::personalization.rule').update({
      where: { name: 'plan-premium' },
      data: { status: 'disabled' },
    });
    await redis.publish('pz:changes', JSON.stringify({ kind: 'rules', from: 'another-instance' }));

    expect(
      await eventually(
        async () => titleOfBase((await list('pro', 'visitor-d')).body) !== variantTitle
      )
    ).toBe(true);
    const response = await list('pro', 'visitor-d').expect(200);
    const entry = response.body.data.find(
      (article: { documentId: string }) => article.documentId === baseId
    );
    expect(entry.personalization).toMatchObject({ variant: null, reason: 'no-rule' });
  });

  it('reloads segment definitions when another instance announces a change', async () => {
    // Another instance created a segment: its row exists, and it published a notice.
    await app.strapi.db.query('plugin::personalization.segment').create({
      data: {
        name: 'any-reader',
        enabled: true,
        condition: { field: 'profile.visits', op: 'gte', value: 1 },
      },
    });
    await redis.publish(
      'pz:changes',
      JSON.stringify({ kind: 'segments', from: 'another-instance' })
    );
    const reader = audienceCalls(app, { visitorId: 'segment-reader' });
    await reader.consent({ analytics: true }).expect(200);
    let sent = 0;
    expect(
      await eventually(async () => {
        sent += 1;
        await reader.events([viewEvent(`e${sent}`, baseId)]).expect(202);
        const me = await reader.me().expect(200);
        return (me.body.data.segments as string[]).includes('any-reader');
      })
    ).toBe(true);
  });
});

describe('change notices between instances', () => {
  let app: TestApp;
  let redis: Redis;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    app = await startStrapi({ env: { REDIS_URL, SEED_DEMO_CONTENT: 'false' } });
    expect(
      await eventually(async () => getService(app.strapi, 'cache').stats().redis === 'ready')
    ).toBe(true);
  });

  afterAll(async () => {
    await app.destroy();
    redis.disconnect();
  });

  it('announces its own changes, ignores them when they come back, and applies the others', async () => {
    const heard: Array<{ kind: string; from: string }> = [];
    const listener = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    listener.on('message', (_channel: string, message: string) => heard.push(JSON.parse(message)));
    await listener.subscribe('pz:changes');
    const api = managementApi(app, await createFullAccessToken(app.strapi, 'announce'));
    const templates = getService(app.strapi, 'templates');

    await api('post', '/templates')
      .send({ name: 'announced', body: 'x', testCases: [{ name: 'any', expected: 'x' }] })
      .expect(201);
    expect(await eventually(async () => heard.some((notice) => notice.kind === 'templates'))).toBe(
      true
    );
    const own = heard.find((notice) => notice.kind === 'templates');
    listener.disconnect();

    // The rows go behind the instance's back; its own notice, sent again, reloads nothing.
    const loaded = templates.revision();
    await removeTemplateRows(app, 'announced');
    await redis.publish('pz:changes', JSON.stringify(own));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(templates.revision()).toBe(loaded);

    await redis.publish(
      'pz:changes',
      JSON.stringify({ kind: 'templates', from: 'another-instance' })
    );
    expect(await eventually(async () => templates.revision() !== loaded)).toBe(true);
  });

  it('reads every snapshot again when its subscriber reconnects (notices may have been lost)', async () => {
    const api = managementApi(app, await createFullAccessToken(app.strapi, 'reconnect'));
    const templates = getService(app.strapi, 'templates');
    await api('post', '/templates')
      .send({ name: 'missed', body: 'y', testCases: [{ name: 'any', expected: 'y' }] })
      .expect(201);
    const loaded = templates.revision();
    // Another instance's change whose notice is lost: rows change, nobody is told.
    await removeTemplateRows(app, 'missed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(templates.revision()).toBe(loaded);

    await redis.client('KILL', 'TYPE', 'pubsub');
    expect(await eventually(async () => templates.revision() !== loaded, 15_000)).toBe(true);
  });

  it('moves the content revision when another instance writes to the type', async () => {
    const revisions = getService(app.strapi, 'contentRevisions');
    const before = revisions.get('api::article.article');
    await redis.publish(
      'pz:changes',
      JSON.stringify({ kind: 'content', uid: 'api::article.article', from: 'another-instance' })
    );
    expect(await eventually(async () => revisions.get('api::article.article') > before)).toBe(true);
  });
});

describe('Redis down', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startStrapi({ env: { REDIS_URL: 'redis://127.0.0.1:9/0' } });
  });

  afterAll(async () => {
    await app.destroy();
  });

  it('keeps answering from the in-process cache without errors', async () => {
    for (const visitorId of ['v1', 'v1', 'v2']) {
      const response = await app
        .http()
        .get('/api/articles')
        .set({ 'X-Visitor-Id': visitorId, 'X-Visitor-Traits': '{"plan":"pro"}' })
        .expect(200);
      expect(response.body.data.length).toBeGreaterThan(0);
    }
    const stats = getService(app.strapi, 'cache').stats();
    expect(stats.redis).not.toBe('ready');
  });
});
