import Redis from 'ioredis';
import { Client } from 'pg';
import { createFullAccessToken } from '../helpers/api-token';
import {
  createClusterDatabase,
  createInstance,
  freePort,
  scheduledRunLines,
  type ClusterInstance,
} from '../helpers/cluster';
import type { TestDatabase } from '../helpers/database';
import { managementApi, rollOutArticleRule } from '../helpers/rules';
import { startStrapi } from '../helpers/strapi';
import { waitFor } from '../helpers/tagging';
import { createArticleVariant } from '../helpers/variants';

/**
 * Two real Strapi instances (`strapi start` on the built app, separate processes and ports) on
 * one PostgreSQL database and one Redis, as behind a load balancer. The tests run in order and
 * share the two instances; the tagging tests kill and restart them under a steady read load.
 */

const ARTICLE = 'api::article.article';
const JOBS_TABLE = 'personalization_tagging_jobs';
const REDIS_URL = process.env.PZ_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const REDIS_PREFIX = `pz-cluster-${process.pid}:`;
const RATE_LIMIT = 6;
/** Extra articles so a throttled rescan lasts long enough to restart and kill instances during it. */
const EXTRA_ARTICLES = 30;
const RULE = 'cluster-plan';
const SCHEDULED_JOBS = ['retention', 'clustering', 'bandits'];

jest.setTimeout(240_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface JobRow {
  id: number;
  status: string;
  owner: string | null;
  attempts: number;
  progress_done: number;
  progress_total: number | null;
}

/** A steady read load on both instances: what each answered, and refusals of a dead one. */
const readLoad = (instances: ClusterInstance[]) => {
  const statuses = new Map<string, number[]>(instances.map((instance) => [instance.name, []]));
  const refused = new Map<string, number>(instances.map((instance) => [instance.name, 0]));
  let running = true;
  const loop = async (instance: ClusterInstance, worker: number) => {
    let index = 0;
    while (running) {
      index += 1;
      try {
        const response = await fetch(`${instance.url}/api/articles?pagination[pageSize]=10`, {
          headers: {
            'X-Visitor-Id': `load-${worker}-${index % 50}`,
            'X-Visitor-Traits': JSON.stringify({ plan: index % 2 ? 'pro' : 'free' }),
          },
          signal: AbortSignal.timeout(10_000),
        });
        await response.arrayBuffer();
        statuses.get(instance.name)!.push(response.status);
      } catch {
        // Connection refused or reset: the instance is down, which is not an answer.
        refused.set(instance.name, refused.get(instance.name)! + 1);
        await sleep(100);
      }
    }
  };
  const loops = instances.flatMap((instance) => [loop(instance, 0), loop(instance, 1)]);
  return {
    statuses,
    refused,
    answered: (name: string) => statuses.get(name)!.length,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
};

describe('two instances on one PostgreSQL and one Redis', () => {
  let database: TestDatabase;
  let db: Client;
  let a: ClusterInstance;
  let b: ClusterInstance;
  let token: string;
  let baseId: string;
  let variantTitle: string;
  let baseTitle: string;

  const api = (instance: ClusterInstance) => managementApi(instance, token);
  const jobRow = async (id: number): Promise<JobRow> =>
    (await db.query<JobRow>(`SELECT * FROM ${JOBS_TABLE} WHERE id = $1`, [id])).rows[0];

  /** The title of the base entry as instance `instance` serves it to a caller on the pro plan. */
  const servedTitle = async (instance: ClusterInstance): Promise<string | undefined> => {
    const response = await fetch(`${instance.url}/api/articles?pagination[pageSize]=100`, {
      headers: { 'X-Visitor-Id': 'propagation', 'X-Visitor-Traits': '{"plan":"pro"}' },
    });
    const body = (await response.json()) as { data: Array<{ documentId: string; title: string }> };
    return body.data.find((entry) => entry.documentId === baseId)?.title;
  };

  beforeAll(async () => {
    database = await createClusterDatabase();
    const shared = {
      ...database.env,
      REDIS_URL,
      PERSONALIZATION_REDIS_PREFIX: REDIS_PREFIX,
      PERSONALIZATION_TAGGING_LEASE_MS: '3000',
      // About 80 s for the rescan of the ~55 articles: longer than a boot of the other instance.
      PERSONALIZATION_TAGGING_RESCAN_PAUSE_MS: '1500',
      PERSONALIZATION_EVENTS_RATE_LIMIT: String(RATE_LIMIT),
      PERSONALIZATION_EVENTS_RATE_WINDOW_SECONDS: '120',
      // Every plugin job fires every 3 seconds on both instances at once.
      PERSONALIZATION_RETENTION_CRON: '*/3 * * * * *',
      PERSONALIZATION_CLUSTERING_CRON: '*/3 * * * * *',
      PERSONALIZATION_BANDITS_CRON: '*/3 * * * * *',
      SEED_DEMO_RULES: 'false',
    };

    // One boot creates the schema, the content and a rule first, as a deployment's first
    // instance (or a migration step) would; the two instances then start on a ready database.
    // It runs no jobs: tagging and schedules are what the instances are tested on.
    const seed = await startStrapi({
      database,
      env: { ...shared, CRON_ENABLED: 'false', PERSONALIZATION_TAGGING_ENABLED: 'false' },
    });
    try {
      token = await createFullAccessToken(seed.strapi, 'cluster');
      ({ baseId, variantTitle } = await createArticleVariant(seed.strapi, 'premium'));
      for (let index = 0; index < EXTRA_ARTICLES; index += 1) {
        await seed.strapi.documents(ARTICLE).create({
          data: {
            title: `Cluster note ${index}`,
            slug: `cluster-note-${index}`,
            category: 'science',
            summary: `Note ${index} written in Oslo by Ingrid Berg.`,
          },
          status: 'published',
        });
      }
      await rollOutArticleRule(seed, token, {
        name: RULE,
        template: 'cluster-by-plan',
        body: "{% if visitor.traits.plan == 'pro' %}premium{% endif %}",
      });
      const base = await seed.strapi.documents(ARTICLE).findOne({ documentId: baseId });
      baseTitle = String(base?.title);
    } finally {
      await seed.stop();
    }

    db = new Client({ connectionString: database.env.DATABASE_URL });
    await db.connect();

    const childEnv = { ...shared, STRAPI_LOG_LEVEL: 'debug' };
    a = createInstance({ name: 'a', port: await freePort(), env: childEnv });
    b = createInstance({ name: 'b', port: await freePort(), env: childEnv });
    await Promise.all([a.start(), b.start()]);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.end();
    await database?.drop();
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    const keys = await redis.keys(`${REDIS_PREFIX}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('runs each scheduled job once per schedule slot although both instances fire it', async () => {
    // Both instances are up: let several 3-second slots pass.
    await sleep(10_000);
    for (const job of SCHEDULED_JOBS) {
      const lines = { a: scheduledRunLines(a.logs()), b: scheduledRunLines(b.logs()) };
      const slotsOf = (name: 'a' | 'b') =>
        new Set(lines[name].filter((line) => line.job === job).map((line) => line.slot));
      // Slots both instances fired (not those before the later one had booted).
      const firedByBoth = [...slotsOf('a')].filter((slot) => slotsOf('b').has(slot));
      expect(firedByBoth.length).toBeGreaterThanOrEqual(2);
      const outcomesOf = (slot: string) =>
        [...lines.a, ...lines.b]
          .filter((line) => line.job === job && line.slot === slot)
          .map((line) => line.outcome)
          .sort();
      // Never two runs of one slot. A run that outlasts the 3-second slot on a loaded machine makes
      // both instances skip the next slot ("running elsewhere"), which is also once at most.
      for (const slot of firedByBoth) {
        const runs = outcomesOf(slot).filter((outcome) => outcome === 'ran').length;
        expect({ job, slot, ranTwice: runs > 1 }).toEqual({ job, slot, ranTwice: false });
      }
      const ranOnce = firedByBoth.filter(
        (slot) => outcomesOf(slot).join() === ['ran', 'skipped'].join()
      );
      expect({ job, slotsRunOnceAndSkippedOnce: ranOnce.length > 0 }).toEqual({
        job,
        slotsRunOnceAndSkippedOnce: true,
      });
    }
    const { rows } = await db.query<{ name: string; runs: number }>(
      'SELECT name, runs FROM personalization_scheduled_runs ORDER BY name'
    );
    expect(rows.map((row) => row.name)).toEqual(['bandits', 'clustering', 'retention']);
  });

  it('serves a flag or rule change made on one instance from the other within one second', async () => {
    expect(await servedTitle(b)).toBe(variantTitle);
    const propagation = async (
      change: () => Promise<unknown>,
      expected: string
    ): Promise<number> => {
      await change();
      const changedAt = Date.now();
      await waitFor(
        async () => ((await servedTitle(b)) === expected ? true : undefined),
        `instance b to serve "${expected}"`,
        5000
      );
      return Date.now() - changedAt;
    };
    const flag = `/flags/personalization.${RULE}`;
    const flagOff = await propagation(
      () => api(a)('put', flag).send({ enabled: false }).expect(200),
      baseTitle
    );
    const flagOn = await propagation(
      () => api(a)('put', flag).send({ enabled: true }).expect(200),
      variantTitle
    );
    const ruleOff = await propagation(
      () => api(a)('put', `/rules/${RULE}`).send({ status: 'disabled' }).expect(200),
      baseTitle
    );
    const ruleOn = await propagation(
      () => api(a)('put', `/rules/${RULE}`).send({ status: 'active' }).expect(200),
      variantTitle
    );
    // A new template version that no longer picks the variant for the pro plan.
    const templateChange = await propagation(
      () =>
        api(a)('put', '/templates/cluster-by-plan')
          .send({ body: "{% if visitor.traits.plan == 'gold' %}premium{% endif %}" })
          .expect(200),
      baseTitle
    );
    const measured = { flagOff, flagOn, ruleOff, ruleOn, templateChange };
    console.log(`propagation A→B (ms): ${JSON.stringify(measured)}`);
    for (const elapsed of Object.values(measured)) expect(elapsed).toBeLessThan(1000);
  });

  it('counts the event rate limit of one caller over both instances', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < RATE_LIMIT + 2; index += 1) {
      const instance = index % 2 ? b : a;
      const response = await instance
        .http()
        .post('/api/personalization/events')
        .set('X-Visitor-Id', 'rate-limited-visitor')
        .send({ events: [] });
      statuses.push(response.status);
    }
    // Each instance saw only half of the requests: a per-instance count would have let all pass.
    expect(statuses.slice(0, RATE_LIMIT).filter((status) => status === 429)).toEqual([]);
    expect(statuses.slice(RATE_LIMIT)).toEqual([429, 429]);
  });

  describe('tagging leases, with instances killed and restarted under read load', () => {
    let load: ReturnType<typeof readLoad>;
    let jobId: number;
    let holder: ClusterInstance;
    let other: ClusterInstance;

    beforeAll(() => {
      load = readLoad([a, b]);
    });

    afterAll(async () => {
      await load?.stop();
    });

    it('leaves a job another instance runs alone when an instance boots', async () => {
      const response = await api(a)('post', `/tagging/rescan/${ARTICLE}`).send({}).expect(202);
      jobId = response.body.data.id;
      const running = await waitFor(async () => {
        const row = await jobRow(jobId);
        return row.status === 'running' && row.progress_done > 0 ? row : undefined;
      }, 'the rescan to run');
      holder = a.owns(running.owner) ? a : b;
      other = holder === a ? b : a;
      expect(holder.owns(running.owner)).toBe(true);

      // The other instance crashes and boots again while the holder is in the middle of the job.
      await other.kill();
      await other.start();
      await sleep(1000);
      const after = await jobRow(jobId);
      // Done already would mean the boot outlasted the whole rescan (raise the rescan pause).
      expect(after.status).toBe('running');
      expect(holder.owns(after.owner)).toBe(true);
      expect(after.attempts).toBe(1);
      expect(after.progress_done).toBeGreaterThan(running.progress_done);
    });

    it('has a job whose holder was killed mid-run done by the other instance after the lease, once', async () => {
      const before = await jobRow(jobId);
      expect(before.status).toBe('running');
      expect(before.progress_done).toBeLessThan(Number(before.progress_total));
      await holder.kill();
      const killedAt = Date.now();

      const taken = await waitFor(
        async () => {
          const row = await jobRow(jobId);
          return other.owns(row.owner) ? row : undefined;
        },
        'the other instance to take the job over',
        15_000
      );
      // Not before the 3-second lease (renewed last at most a lease/3 before the kill) ran out.
      expect(Date.now() - killedAt).toBeGreaterThanOrEqual(1500);
      expect(taken.attempts).toBe(2);
      // It goes on from the progress the killed holder had recorded.
      expect(taken.progress_done).toBeGreaterThanOrEqual(before.progress_done);
      // The killed instance comes back meanwhile; the job is held again, so it cannot take it.
      const restarted = holder.start();

      const done = await waitFor(
        async () => {
          const row = await jobRow(jobId);
          return row.status === 'done' ? row : undefined;
        },
        'the job to be done',
        90_000
      );
      expect(done.attempts).toBe(2);
      expect(other.owns(done.owner)).toBe(true);
      expect(done.progress_done).toBe(Number(done.progress_total));
      const { rows } = await db.query(`SELECT id FROM ${JOBS_TABLE} WHERE kind = 'rescan'`);
      expect(rows).toHaveLength(1);
      await restarted;
    });

    it('answers every read without a 5xx while the other instance is killed and restarted', async () => {
      await sleep(1000);
      await load.stop();
      for (const instance of [a, b]) {
        const statuses = load.statuses.get(instance.name)!;
        expect({
          instance: instance.name,
          errors: statuses.filter((status) => status >= 500),
        }).toEqual({
          instance: instance.name,
          errors: [],
        });
        expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(20);
      }
      // Both were down at some point, and the load saw it.
      expect(load.refused.get('a')! + load.refused.get('b')!).toBeGreaterThan(0);
    });
  });
});
