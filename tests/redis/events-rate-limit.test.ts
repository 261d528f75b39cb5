import Redis from 'ioredis';
import createEventsRateLimitService, {
  type EventsRateLimitService,
} from '../../src/plugins/personalization/server/src/services/audience/rate-limit';
import { startStrapi, type TestApp } from '../helpers/strapi';

const REDIS_URL = process.env.PZ_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
/** Nothing listens here: the instances cannot reach their Redis. */
const DEAD_REDIS_URL = 'redis://127.0.0.1:6399/0';
const PREFIX = `pz-rate-test-${process.pid}:`;
const LIMIT = 4;

const eventually = async (check: () => boolean, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
};

/** Requests of one caller spread over two limiters, alternately; the outcome of each. */
const alternate = async (limiters: EventsRateLimitService[], caller: string, requests: number) => {
  const outcomes: Array<number | null> = [];
  for (let index = 0; index < requests; index += 1) {
    outcomes.push(await limiters[index % limiters.length].consume(caller));
  }
  return outcomes.map((retryAfter) => (retryAfter === null ? 'ok' : 'limited'));
};

/**
 * The events rate limit of two instances, each a limiter built from a booted Strapi's config as
 * the plugin builds it: one booted Strapi serves as the first instance, a second limiter from the
 * same factory and config stands for the second instance.
 */
describe.each([
  ['shared through Redis', REDIS_URL, 'redis', ['ok', 'ok', 'ok', 'ok', 'limited', 'limited']],
  [
    'per instance when Redis is down',
    DEAD_REDIS_URL,
    'memory',
    ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'limited', 'limited'],
  ],
] as const)('the per-caller event rate limit, %s', (_title, redisUrl, store, expected) => {
  let app: TestApp;
  let instances: EventsRateLimitService[];

  beforeAll(async () => {
    app = await startStrapi({
      env: {
        SEED_DEMO_CONTENT: 'false',
        REDIS_URL: redisUrl,
        PERSONALIZATION_REDIS_PREFIX: PREFIX,
        PERSONALIZATION_EVENTS_RATE_LIMIT: String(LIMIT),
        PERSONALIZATION_EVENTS_RATE_WINDOW_SECONDS: '60',
      },
    });
    const second = createEventsRateLimitService({ strapi: app.strapi });
    second.start();
    instances = [app.strapi.plugin('personalization').service('eventsRateLimit'), second];
    if (store === 'redis') {
      expect(
        await eventually(() => instances.every((limiter) => limiter.store() === 'redis'))
      ).toBe(true);
    }
  });

  afterAll(async () => {
    instances?.[1]?.stop();
    await app?.destroy();
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it(`gives a caller ${store === 'redis' ? 'one budget over both instances' : 'a budget on each instance'}`, async () => {
    const caller = `caller-${store}-${Date.now()}`;
    expect(instances.map((limiter) => limiter.store())).toEqual([store, store]);
    expect(await alternate(instances, caller, expected.length)).toEqual(expected);
  });

  it('still limits a caller through the events endpoint', async () => {
    const visitor = `visitor-${store}-${Date.now()}`;
    const statuses: number[] = [];
    for (let index = 0; index <= LIMIT; index += 1) {
      const response = await app
        .http()
        .post('/api/personalization/events')
        .set('X-Visitor-Id', visitor)
        .send({ events: [] });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, LIMIT).every((status) => status < 429)).toBe(true);
    expect(statuses[LIMIT]).toBe(429);
  });
});
