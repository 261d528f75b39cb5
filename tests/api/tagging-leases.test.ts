import type { Core } from '@strapi/strapi';
import { tagging } from '../../src/plugins/personalization/server/src/migrations/001-tagging';
import { MIGRATIONS_TABLE } from '../../src/plugins/personalization/server/src/migrations/run';
import type { TaggingQueueService } from '../../src/plugins/personalization/server/src/services/tagging/queue';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { waitFor } from '../helpers/tagging';

const ARTICLE = 'api::article.article';
const JOBS_TABLE = 'personalization_tagging_jobs';
const OTHER = 'another-host:4242:abcdef';
const ENV = { SEED_DEMO_CONTENT: 'false', PERSONALIZATION_TAGGING_LEASE_MS: '1000' };

interface JobRow {
  id: number;
  status: string;
  owner: string | null;
  lease_until: string | number | null;
  attempts: number;
  finished_at: string | number | null;
}

/** The jobs table as it was before leases: the shape an upgraded database still has. */
const createPreLeaseJobsTable = async (knex: Core.Strapi['db']['connection']) => {
  await knex.schema.dropTable(JOBS_TABLE);
  await knex.schema.createTable(JOBS_TABLE, (table) => {
    table.increments('id').primary();
    table.string('kind', 16).notNullable();
    table.string('uid', 255).notNullable();
    table.string('document_id', 64).nullable();
    table.string('locale', 32).notNullable().defaultTo('');
    table.boolean('force').notNullable().defaultTo(false);
    table.string('status', 16).notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.integer('max_attempts').notNullable();
    table.bigInteger('run_after').notNullable();
    table.text('last_error').nullable();
    table.integer('progress_done').notNullable().defaultTo(0);
    table.integer('progress_total').nullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.bigInteger('finished_at').nullable();
  });
};

describe('tagging jobs are held with expiring leases', () => {
  let app: TestApp;
  let queue: TaggingQueueService;
  const jobs = () => app.strapi.db.connection(JOBS_TABLE);
  const row = async (id: number) => (await jobs().where({ id }).first()) as JobRow;

  beforeAll(async () => {
    app = await startStrapi({ env: ENV });
    // The worker would race the test for the jobs it inserts: the test claims them itself.
    await app.strapi.plugin('personalization').service('taggingWorker').stop();
    queue = app.strapi.plugin('personalization').service('taggingQueue') as TaggingQueueService;
  });

  afterAll(async () => {
    await app?.destroy();
  });

  beforeEach(async () => {
    await jobs().delete();
  });

  const entryJob = () =>
    queue.insert({ kind: 'entry', uid: ARTICLE, documentId: 'doc-1', locale: null, force: false });

  it('claims a pending job with this instance as owner and a lease in the future', async () => {
    const job = await entryJob();
    const before = Date.now();
    const [claimed] = await queue.claim(5);
    expect(claimed.id).toBe(job.id);
    expect(claimed.status).toBe('running');
    expect(claimed.attempts).toBe(1);
    expect(claimed.owner).toMatch(/^.+:\d+:[0-9a-f]{6}$/);
    expect(claimed.leaseUntil).toBeGreaterThanOrEqual(before + 1000);
    // A held job is not claimed a second time while its lease runs.
    expect(await queue.claim(5)).toEqual([]);
  });

  it('lets any instance claim a running job once its lease has expired, and counts the attempt', async () => {
    const job = await entryJob();
    await jobs()
      .where({ id: job.id })
      .update({ status: 'running', owner: OTHER, lease_until: Date.now() + 60_000, attempts: 1 });
    expect(await queue.claim(5)).toEqual([]);

    await jobs()
      .where({ id: job.id })
      .update({ lease_until: Date.now() - 1 });
    const [claimed] = await queue.claim(5);
    expect(claimed).toMatchObject({ id: job.id, status: 'running', attempts: 2 });
    expect(claimed.owner).not.toBe(OTHER);
  });

  it('changes nothing when a stale owner finishes, fails or reports progress after losing the lease', async () => {
    await entryJob();
    const [mine] = await queue.claim(1);
    // The lease expired and another instance claimed the job (what its claim writes).
    await jobs()
      .where({ id: mine.id })
      .update({ owner: OTHER, lease_until: Date.now() + 60_000, attempts: 2 });

    expect(await queue.complete(mine)).toBe(false);
    expect(await queue.fail(mine, new Error('late failure'), { retry: true })).toBeNull();
    expect(await queue.progress(mine, 3, 10)).toBe(false);
    expect(await queue.renew(mine)).toBe(false);
    expect(await row(mine.id)).toMatchObject({
      status: 'running',
      owner: OTHER,
      attempts: 2,
      finished_at: null,
    });
  });

  it('completes its own job once: a second completion by the same holder is refused', async () => {
    await entryJob();
    const [mine] = await queue.claim(1);
    expect(await queue.renew(mine)).toBe(true);
    expect(await queue.complete(mine)).toBe(true);
    expect(await queue.complete(mine)).toBe(false);
    expect(await row(mine.id)).toMatchObject({
      status: 'done',
      owner: mine.owner,
      lease_until: null,
    });
  });

  it('fails a job whose holder died during its last attempt instead of running it again', async () => {
    const job = await entryJob();
    await jobs()
      .where({ id: job.id })
      .update({
        status: 'running',
        owner: OTHER,
        lease_until: Date.now() - 1,
        attempts: job.maxAttempts,
      });
    expect(await queue.claim(5)).toEqual([]);
    expect(await row(job.id)).toMatchObject({ status: 'failed', owner: null });
  });
});

describe('upgrading a database whose jobs table predates leases', () => {
  let first: TestApp | null = null;
  let second: TestApp | null = null;

  afterAll(async () => {
    await second?.destroy();
    if (!second) await first?.destroy();
  });

  it('adds the lease columns at boot, twice without harm, and runs the job an old process left running', async () => {
    first = await startStrapi({ env: ENV });
    await first.strapi.plugin('personalization').service('taggingWorker').stop();
    const entry = await first.strapi.documents(ARTICLE).create({
      data: {
        title: 'Old rows in Lisbon',
        slug: 'old-rows',
        category: 'travel',
        summary: 'Ana Costa moved to Lisbon.',
      },
    });
    const knex = first.strapi.db.connection;
    // The save enqueues its job after the commit: let it land before the table is replaced.
    await waitFor(
      async () =>
        (await knex(JOBS_TABLE).where({ document_id: entry.documentId }).first())
          ? true
          : undefined,
      'the save to enqueue its job'
    );
    await createPreLeaseJobsTable(knex);
    // Such a table is only found in a database made before the plugin recorded its migrations.
    await knex.schema.dropTable(MIGRATIONS_TABLE);
    const now = Date.now();
    // A job an instance of the previous version was running when it stopped.
    await knex(JOBS_TABLE).insert({
      kind: 'entry',
      uid: ARTICLE,
      document_id: entry.documentId,
      locale: '',
      force: false,
      status: 'running',
      attempts: 1,
      max_attempts: 5,
      run_after: now,
      progress_done: 0,
      created_at: now,
      updated_at: now,
    });
    expect(await knex.schema.hasColumn(JOBS_TABLE, 'lease_until')).toBe(false);
    await first.stop();

    second = await startStrapi({ env: ENV, database: first.database });
    const upgraded = second.strapi.db.connection;
    expect(await upgraded.schema.hasColumn(JOBS_TABLE, 'owner')).toBe(true);
    expect(await upgraded.schema.hasColumn(JOBS_TABLE, 'lease_until')).toBe(true);
    await tagging.up(upgraded);

    const done = await waitFor(async () => {
      const rows = (await upgraded(JOBS_TABLE).where({
        document_id: entry.documentId,
      })) as JobRow[];
      return rows.length > 0 && rows.every((job) => job.status === 'done') ? rows : undefined;
    }, 'the job left running by the old version to be done');
    expect(done[0].attempts).toBe(2);
  });
});
