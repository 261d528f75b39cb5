import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { getService } from '../../src/plugins/personalization/server/src/utils/get-service';
import { startStrapi, type TestApp } from '../helpers/strapi';

const REDIS_URL = process.env.PZ_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const ARTICLE = 'api::article.article';

const eventually = async (check: () => Promise<boolean>, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check()) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
};

/**
 * The response cache shared through Redis: a restarted instance (an empty process cache, as a
 * second instance has) answers from Redis; a write here or on another instance renews the type's
 * shared token, so no instance reads the entries written before it.
 */
describe('response cache shared through Redis', () => {
  const prefix = `pz-test-${randomBytes(4).toString('hex')}:`;
  const env = {
    REDIS_URL,
    PERSONALIZATION_REDIS_PREFIX: prefix,
    PERSONALIZATION_TAGGING_ENABLED: 'false',
  };
  let app: TestApp;
  let redis: Redis;

  const keys = async () => redis.keys(`${prefix}*`);
  const stats = () => getService(app.strapi, 'responseCache').stats();
  const list = async () =>
    (
      await app
        .http()
        .get('/api/articles')
        .query({ 'pagination[pageSize]': 100, sort: 'title:asc' })
        .set({ 'X-Visitor-Id': 'redis-reader' })
        .expect(200)
    ).text;
  const boot = async (database?: TestApp['database']) => {
    app = await startStrapi({ env, database });
    expect(
      await eventually(async () => getService(app.strapi, 'cache').redisClient() !== null)
    ).toBe(true);
  };

  beforeAll(async () => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    await boot();
  });

  afterAll(async () => {
    await app?.destroy();
    const left = await keys();
    if (left.length > 0) await redis.del(...left);
    redis.disconnect();
  });

  it('answers a new instance from Redis, byte-equal, and never after a write', async () => {
    const first = await list();
    expect(
      await eventually(async () => (await keys()).some((key) => key.includes('response:')))
    ).toBe(true);
    await app.stop();
    await boot(app.database);

    const fromRedis = await list();
    expect(stats().redisHits).toBeGreaterThan(0);
    expect(fromRedis).toBe(first);

    const [entry] = (await app.strapi
      .documents(ARTICLE)
      .findMany({ limit: 1 })) as unknown as Array<{
      documentId: string;
    }>;
    await app.strapi.documents(ARTICLE).update({
      documentId: entry.documentId,
      data: { title: 'Aaa written here' },
      status: 'published',
    } as never);
    const redisHits = stats().redisHits;
    expect(await list()).toContain('Aaa written here');
    expect(stats().redisHits).toBe(redisHits);
  });

  it('drops its shared token when another instance announces a write', async () => {
    await list();
    // Another instance changed a row, renewed the token and published its notice.
    await app.strapi.db.query(ARTICLE).updateMany({
      where: { title: 'Aaa written here' },
      data: { title: 'Aaa written elsewhere' },
    });
    await redis.set(`${prefix}revision:${ARTICLE}`, 'token-from-another-instance');
    await redis.publish(
      `${prefix}changes`,
      JSON.stringify({ kind: 'content', uid: ARTICLE, from: 'another-instance' })
    );
    expect(await eventually(async () => (await list()).includes('Aaa written elsewhere'))).toBe(
      true
    );
  });
});
