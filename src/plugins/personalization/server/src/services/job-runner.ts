import type { Core } from '@strapi/strapi';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';
import type { JobKind, JobStatus, TaggingJob } from './tagging/queue';

/** Runs one job; `progress` renews the lease and throws when another instance took the job. */
export type JobHandler = (
  subject: string,
  progress: (done: number, total: number) => Promise<void>
) => Promise<void>;

/** A job as the routes show it: where it stands, and the last failure if any. */
export interface JobView {
  id: number;
  status: JobStatus;
  done: number;
  total: number | null;
  attempts: number;
  lastError: string | null;
}

export const jobView = (job: TaggingJob): JobView => ({
  id: job.id,
  status: job.status,
  done: job.progress.done,
  total: job.progress.total,
  attempts: job.attempts,
  lastError: job.lastError,
});

class LeaseLost extends Error {}
class Stopping extends Error {}

const FINISHED: ReadonlySet<JobStatus> = new Set(['done', 'failed']);
/** Polling beyond the tagging worker's own: retries and jobs of stopped instances are rare. */
const POLL_FACTOR = 5;

/** The job as it stands once finished, or after `timeoutMs` (it keeps running then). */
const waitForJob = async (
  queue: { get(id: number): Promise<TaggingJob | null> },
  id: number,
  timeoutMs: number
): Promise<JobView | null> => {
  const deadline = Date.now() + timeoutMs;
  let pause = 10;
  for (;;) {
    const job = await queue.get(id);
    if (!job || FINISHED.has(job.status) || Date.now() >= deadline) return job && jobView(job);
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 100);
  }
};

interface RunDeps {
  strapi: Core.Strapi;
  handler: JobHandler | undefined;
  /** False once the runner stops: the job goes back to the queue at its next progress report. */
  isStarted: () => boolean;
}

/** Runs one claimed job under its lease (renewed meanwhile) and records how it ended. */
const runJob = async ({ strapi, handler, isStarted }: RunDeps, job: TaggingJob): Promise<void> => {
  const queue = getService(strapi, 'taggingQueue');
  const renew = setInterval(
    () => {
      queue.renew(job).catch(() => undefined);
    },
    Math.max(250, Math.floor(getPluginConfig(strapi).tagging.leaseMs / 3))
  );
  renew.unref();
  try {
    if (!handler) throw new Error(`no handler for ${job.kind} jobs`);
    await handler(job.uid, async (done, total) => {
      if (!isStarted()) throw new Stopping();
      if (!(await queue.progress(job, done, total))) throw new LeaseLost();
    });
    clearInterval(renew);
    await queue.complete(job);
  } catch (error) {
    clearInterval(renew);
    if (error instanceof LeaseLost) return;
    if (error instanceof Stopping) return queue.release(job);
    const state = await queue.fail(job, error, { retry: true });
    strapi.log.error(
      `[personalization] ${job.kind} job ${job.id} (${job.uid}) attempt ${job.attempts}/${job.maxAttempts} failed${state === 'failed' ? ' for good' : ', will retry'}: ${error instanceof Error ? error.message : String(error)}`
    );
  }
};

/**
 * Runs the queued jobs that are not tagging (segment re-evaluations) with the queue's leases,
 * progress, retries and backoff. Not the tagging worker: that one yields to content saves, runs
 * only while tagging is enabled and owns the models; these jobs run whatever tagging does. One
 * job at a time per instance; handlers are registered per kind (their owners know the work).
 */
const createJobRunnerService = ({ strapi }: { strapi: Core.Strapi }) => {
  const handlers = new Map<JobKind, JobHandler>();
  const queue = () => getService(strapi, 'taggingQueue');
  const config = () => getPluginConfig(strapi).tagging;
  let started = false;
  let draining: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;

  const drainOnce = async (): Promise<void> => {
    const kinds = [...handlers.keys()];
    if (kinds.length === 0) return;
    for (;;) {
      const [job] = await queue().claim(1, kinds);
      if (!job) return;
      if (!started) return queue().release(job);
      await runJob({ strapi, handler: handlers.get(job.kind), isStarted: () => started }, job);
    }
  };

  /** One drain at a time; a kick during a drain makes it look once more at the end. */
  const drain = (): Promise<void> => {
    if (draining) {
      again = true;
      return draining;
    }
    draining = (async () => {
      do {
        again = false;
        await drainOnce().catch((error: unknown) =>
          strapi.log.error(`[personalization] job queue poll failed: ${String(error)}`)
        );
      } while (again && started);
    })().finally(() => {
      draining = null;
    });
    return draining;
  };

  const poll = () => {
    timer = setTimeout(() => {
      void drain().finally(() => {
        if (started) poll();
      });
    }, config().pollIntervalMs * POLL_FACTOR);
    timer.unref();
  };

  return {
    register(kind: JobKind, handler: JobHandler): void {
      handlers.set(kind, handler);
    },

    start(): void {
      if (started) return;
      started = true;
      void drain();
      poll();
    },

    /** Queues the job (a waiting one for the subject is reused) and wakes the runner. */
    async enqueue(kind: JobKind, subject: string): Promise<JobView> {
      const job = await queue().enqueueFor(kind, subject);
      if (started) void drain();
      return jobView(job);
    },

    /** The job as it stands once finished, or after `timeoutMs` (it keeps running then). */
    waitFor: (id: number, timeoutMs: number): Promise<JobView | null> =>
      waitForJob(queue(), id, timeoutMs),

    async latest(kind: JobKind, subject: string): Promise<JobView | null> {
      const job = await queue().latestFor(kind, subject);
      return job && jobView(job);
    },

    /** Stops claiming; a job in flight goes back to the queue at its next progress report. */
    async stop(): Promise<void> {
      started = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await draining;
    },
  };
};

export type JobRunnerService = ReturnType<typeof createJobRunnerService>;
export default createJobRunnerService;
