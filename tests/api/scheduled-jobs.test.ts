import type { ScheduledJobsService } from '../../src/plugins/personalization/server/src/services/scheduled/jobs';
import { startStrapi, type TestApp } from '../helpers/strapi';

const RUNS_TABLE = 'personalization_scheduled_runs';

describe('scheduled jobs run once per schedule slot', () => {
  let app: TestApp;
  let jobs: ScheduledJobsService;

  beforeAll(async () => {
    app = await startStrapi({ env: { SEED_DEMO_CONTENT: 'false' } });
    jobs = app.strapi.plugin('personalization').service('scheduledJobs') as ScheduledJobsService;
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it('skips a slot that already ran, as a second instance firing late after the first finished would', async () => {
    let runs = 0;
    const work = async () => ++runs;
    expect(await jobs.runExclusively('test-late', 60_000, work)).toEqual({ ran: true, result: 1 });
    expect(await jobs.runExclusively('test-late', 60_000, work)).toEqual({
      ran: false,
      reason: 'done',
    });
    // An older slot (a delayed instance) is skipped too; the next slot runs.
    expect(await jobs.runExclusively('test-late', 0, work)).toEqual({ ran: false, reason: 'done' });
    expect(await jobs.runExclusively('test-late', 120_000, work)).toEqual({ ran: true, result: 2 });
    const row = await app.strapi.db.connection(RUNS_TABLE).where({ name: 'test-late' }).first();
    expect(Number(row.last_slot)).toBe(120_000);
    expect(Number(row.runs)).toBe(2);
    expect(row.finished_at).not.toBeNull();
  });

  it('does not start a run while the same job runs, even for the next slot', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = jobs.runExclusively('test-overlap', 60_000, () => held.then(() => 'first'));
    // Let the first run take its lock and claim its slot.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = await jobs.runExclusively('test-overlap', 120_000, async () => 'second');
    release();
    expect(second).toEqual({ ran: false, reason: 'locked' });
    expect(await first).toEqual({ ran: true, result: 'first' });
  });

  it('keeps separate jobs apart: one job holding its lock does not stop another', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = jobs.runExclusively('test-a', 60_000, () => held);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await jobs.runExclusively('test-b', 60_000, async () => 'b')).toEqual({
      ran: true,
      result: 'b',
    });
    release();
    await first;
  });

  it('registers every plugin job on Strapi cron under the wrapper', () => {
    const names = (app.strapi.cron.jobs as Array<{ name: string | null }>).map((job) => job.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'personalizationRetention',
        'personalizationClustering',
        'personalizationBandits',
        'personalizationFeedbackAudit',
      ])
    );
    expect(names.filter((name) => name?.startsWith('personalization')).length).toBe(4);
  });
});
