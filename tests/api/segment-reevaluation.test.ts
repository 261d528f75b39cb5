import { createFullAccessToken } from '../helpers/api-token';
import { articlesOf, audienceCalls, viewEvent } from '../helpers/audience';
import { managementApi } from '../helpers/rules';
import { startStrapi, type TestApp } from '../helpers/strapi';

interface Reevaluation {
  id: number;
  status: string;
  done: number;
  total: number | null;
  attempts: number;
  lastError: string | null;
}

const READERS = 5;

/** Issue 12: a segment change re-evaluates every profile in a queued job, not in the request. */
describe('segment re-evaluation job', () => {
  let app: TestApp;
  let api: ReturnType<typeof managementApi>;

  const segment = async (name: string) =>
    (await api('get', `/segments/${name}`).expect(200)).body.data as {
      members: number;
      condition: { value: number };
      reevaluation: Reevaluation | null;
    };

  /** The segment once its latest re-evaluation finished (done or failed for good). */
  const settled = async (name: string, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await segment(name);
      const status = found.reevaluation?.status;
      if (status === 'done' || status === 'failed' || Date.now() > deadline) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const visitsAtLeast = (value: number) => ({ field: 'profile.visits', op: 'gte', value });

  beforeAll(async () => {
    app = await startStrapi({
      env: {
        PERSONALIZATION_TAGGING_ENABLED: 'false',
        PERSONALIZATION_CONSENT_DEFAULT_ANALYTICS: 'true',
        PERSONALIZATION_TAGGING_BACKOFF_MS: '100',
        PERSONALIZATION_TAGGING_POLL_MS: '100',
        PERSONALIZATION_TAGGING_MAX_ATTEMPTS: '3',
      },
    });
    api = managementApi(app, await createFullAccessToken(app.strapi));
    const articles = await articlesOf(app.strapi, 'sports');
    // reader-i has i + 1 visits (sessions): 1, 2, 3, 4, 5.
    for (let reader = 0; reader < READERS; reader += 1) {
      const events = Array.from({ length: reader + 1 }, (_, visit) =>
        viewEvent(`r${reader}-${visit}`, articles[visit % articles.length], `s${visit}`)
      );
      await audienceCalls(app, { visitorId: `reader-${reader}` })
        .events(events)
        .expect(202);
    }
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it('answers a segment write with its job, whose progress reaches the total', async () => {
    const created = await api('post', '/segments')
      .send({ name: 'frequent', condition: visitsAtLeast(3) })
      .expect(201);
    const job = created.body.data.reevaluation as Reevaluation;
    expect(job.id).toEqual(expect.any(Number));

    const found = await settled('frequent');
    expect(found.reevaluation).toEqual({
      id: job.id,
      status: 'done',
      done: READERS,
      total: READERS,
      attempts: 1,
      lastError: null,
    });
    expect(found.members).toBe(3);
  });

  it('ends with the last definition when a segment is changed twice quickly', async () => {
    const first = api('put', '/segments/frequent').send({ condition: visitsAtLeast(2) });
    const second = api('put', '/segments/frequent').send({ condition: visitsAtLeast(5) });
    const [one, two] = await Promise.all([first, second]);
    expect([one.status, two.status]).toEqual([200, 200]);

    const found = await settled('frequent');
    expect(found.reevaluation?.status).toBe('done');
    // Whichever write the database took last, membership follows the stored definition.
    const expected = READERS - found.condition.value + 1;
    expect(found.members).toBe(expected);
    const sizes = (await api('get', '/segments/sizes').expect(200)).body.data;
    expect(sizes.frequent).toBe(expected);
  });

  describe('a failing re-evaluation', () => {
    const profiles = () =>
      app.strapi.plugin('personalization').service('profiles') as { all: () => unknown };
    let original: () => unknown;
    let failuresLeft = 0;

    beforeAll(() => {
      original = profiles().all;
      profiles().all = (...args: unknown[]) => {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('profiles unavailable');
        }
        return (original as (...a: unknown[]) => unknown).apply(profiles(), args);
      };
    });

    afterAll(() => {
      profiles().all = original;
    });

    it('is retried, and the write itself succeeded', async () => {
      failuresLeft = 1;
      await api('post', '/segments')
        .send({ name: 'retried', condition: visitsAtLeast(1) })
        .expect(201);
      const found = await settled('retried');
      expect(found.reevaluation).toMatchObject({ status: 'done', attempts: 2, done: READERS });
      expect(found.members).toBe(READERS);
    });

    it('is recorded as failed after its last attempt, and the segment stays stored', async () => {
      failuresLeft = 3;
      const created = await api('post', '/segments')
        .send({ name: 'broken', condition: visitsAtLeast(4) })
        .expect(201);
      expect(created.body.data).toMatchObject({ name: 'broken', enabled: true });

      const found = await settled('broken');
      expect(found.reevaluation).toMatchObject({
        status: 'failed',
        attempts: 3,
        lastError: 'profiles unavailable',
      });
      expect(found.members).toBe(0);

      // Saving it again queues a new job, which now succeeds.
      await api('put', '/segments/broken').send({ description: 'again' }).expect(200);
      const again = await settled('broken');
      expect(again.reevaluation).toMatchObject({ status: 'done', attempts: 1 });
      expect(again.reevaluation?.id).not.toBe(found.reevaluation?.id);
      expect(again.members).toBe(2);
    });
  });
});
