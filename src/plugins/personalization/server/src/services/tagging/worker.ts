import type { Core } from '@strapi/strapi';
import { getPluginConfig } from '../../utils/get-plugin-config';
import { runInternal } from '../../utils/internal-lookup';
import { getService } from '../../utils/get-service';
import type { TaggingJob } from './queue';
import { PermanentTaggingError } from './tagger';

export interface WorkerCounters {
  completed: number;
  retried: number;
  failed: number;
  pollErrors: number;
  /** Jobs this instance stopped or finished after another instance took over their lease. */
  leasesLost: number;
}

/** Thrown inside a job whose lease another instance took over: stop, record nothing. */
class LeaseLost extends Error {}

/**
 * The bounded worker pool: polls the queue, runs at most `concurrency` jobs at a time, retries
 * with backoff. Inference happens here, never inside a save.
 */
const createTaggingWorkerService = ({ strapi }: { strapi: Core.Strapi }) => {
  let started = false;
  let timer: NodeJS.Timeout | null = null;
  let timerDue = Infinity;
  let polling: Promise<void> | null = null;
  const inFlight = new Set<Promise<void>>();
  const counters: WorkerCounters = {
    completed: 0,
    retried: 0,
    failed: 0,
    pollErrors: 0,
    leasesLost: 0,
  };

  const config = () => getPluginConfig(strapi).tagging;
  const queue = () => getService(strapi, 'taggingQueue');

  // Tagging yields to saves: while saves keep coming (less than settleMs apart) jobs wait, for at
  // most settleMaxMs from the first save of the burst, so a burst of edits is not slowed by tagging.
  let lastSaveAt = 0;
  let burstStartedAt: number | null = null;
  const quietDelay = (): number => {
    const { settleMs, settleMaxMs } = config();
    const now = Date.now();
    const sinceSave = now - lastSaveAt;
    if (settleMs === 0 || sinceSave >= settleMs) {
      burstStartedAt = null;
      return 0;
    }
    burstStartedAt ??= lastSaveAt;
    return Math.max(0, Math.min(settleMs - sinceSave, burstStartedAt + settleMaxMs - now));
  };

  const schedule = (delayMs: number) => {
    if (!started) {
      return;
    }
    const due = Date.now() + delayMs;
    if (timer && timerDue <= due) {
      return;
    }
    if (timer) {
      clearTimeout(timer);
    }
    timerDue = due;
    timer = setTimeout(() => {
      timer = null;
      timerDue = Infinity;
      if (!polling) {
        polling = runInternal(poll).finally(() => {
          polling = null;
        });
      }
    }, delayMs);
    timer.unref();
  };

  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  const runRescan = async (job: TaggingJob) => {
    const tagger = getService(strapi, 'tagger');
    const documents = strapi.documents(job.uid as Parameters<typeof strapi.documents>[0]);
    const locale = job.locale ? { locale: job.locale } : {};
    const total = await documents.count({ ...locale });
    // A job taken over from a stopped instance goes on where that one's progress stopped.
    let done = job.progress.done;
    const report = async () => {
      if (!(await queue().progress(job, done, total))) throw new LeaseLost();
    };
    await report();
    while (started && done < total) {
      const page = (await documents.findMany({
        ...locale,
        fields: ['documentId'],
        sort: 'id:asc',
        start: done,
        limit: config().batchSize,
      })) as { documentId: string }[];
      if (page.length === 0) {
        break;
      }
      for (const { documentId } of page) {
        await tagger.tagEntry(job.uid, documentId, job.locale, { force: true });
        done += 1;
        const { rescanPauseMs } = config();
        if (rescanPauseMs > 0) {
          await report();
          await pause(rescanPauseMs);
        }
      }
      await report();
    }
    if (done < total) {
      throw new Error(`rescan stopped at ${done} of ${total} entries (worker stopping)`);
    }
  };

  /** Renews the lease while the job runs (three times per lease), so only a dead holder loses it. */
  const keepLease = (job: TaggingJob): (() => void) => {
    const timer = setInterval(
      () => {
        queue()
          .renew(job)
          .then((held) => {
            if (!held) {
              strapi.log.warn(
                `[personalization] tagging job ${job.id} lost its lease to another instance`
              );
            }
          })
          .catch((error: unknown) => {
            strapi.log.warn(
              `[personalization] could not renew the lease of job ${job.id}: ${String(error)}`
            );
          });
      },
      Math.max(250, Math.floor(config().leaseMs / 3))
    );
    timer.unref();
    return () => clearInterval(timer);
  };

  const run = async (job: TaggingJob) => {
    const stopRenewing = keepLease(job);
    try {
      if (job.kind === 'rescan') {
        await runRescan(job);
      } else if (job.documentId) {
        await getService(strapi, 'tagger').tagEntry(job.uid, job.documentId, job.locale, {
          force: job.force,
        });
      } else {
        throw new PermanentTaggingError(`entry job ${job.id} has no documentId`);
      }
      stopRenewing();
      if (await queue().complete(job)) {
        counters.completed += 1;
      } else {
        counters.leasesLost += 1;
        strapi.log.warn(
          `[personalization] tagging job ${job.id} finished after its lease passed to another instance; that instance's run counts`
        );
      }
    } catch (error) {
      stopRenewing();
      if (error instanceof LeaseLost) {
        counters.leasesLost += 1;
        strapi.log.warn(
          `[personalization] tagging job ${job.id} stopped: its lease passed to another instance`
        );
        return;
      }
      const state = await queue()
        .fail(job, error, { retry: !(error instanceof PermanentTaggingError) })
        .catch((storeError: unknown) => {
          strapi.log.error(
            `[personalization] could not record the failure of job ${job.id}: ${String(storeError)}`
          );
          return 'failed' as const;
        });
      if (state === null) {
        counters.leasesLost += 1;
        return;
      }
      counters[state === 'failed' ? 'failed' : 'retried'] += 1;
      strapi.log.error(
        `[personalization] tagging job ${job.id} (${job.kind} ${job.uid} ${job.documentId ?? ''}) attempt ${job.attempts}/${job.maxAttempts} failed${state === 'failed' ? ' for good' : ', will retry'}: ${error instanceof Error ? error.message : String(error)}`
      );
    }
  };

  const poll = async () => {
    if (!started) {
      return;
    }
    const wait = quietDelay();
    if (wait > 0) {
      schedule(wait);
      return;
    }
    let claimedAny = false;
    try {
      const free = config().concurrency - inFlight.size;
      if (free > 0) {
        const jobs = await queue().claim(Math.min(free, config().batchSize));
        claimedAny = jobs.length > 0;
        // Jobs claimed while stop() ran go back to the queue for any instance to take.
        if (!started) await Promise.all(jobs.map((job) => queue().release(job)));
        for (const job of started ? jobs : []) {
          const promise: Promise<void> = run(job).finally(() => {
            inFlight.delete(promise);
            schedule(0);
          });
          inFlight.add(promise);
        }
      }
    } catch (error) {
      counters.pollErrors += 1;
      strapi.log.error(`[personalization] tagging queue poll failed: ${String(error)}`);
    } finally {
      schedule(claimedAny ? 0 : config().pollIntervalMs);
    }
  };

  return {
    async start(): Promise<void> {
      if (started) {
        return;
      }
      // Jobs left running by a stopped instance are not reset here (another instance may be running
      // them): their lease expires and any instance's poll claims them then.
      started = true;
      schedule(0);
    },

    /** Wakes the worker now (after an enqueue) instead of at the next poll. */
    kick(): void {
      lastSaveAt = Date.now();
      schedule(config().settleMs);
    },

    /** Stops polling and waits for the jobs in flight; a rescan cut short goes back to the queue. */
    async stop(): Promise<void> {
      started = false;
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      await polling;
      await Promise.allSettled([...inFlight]);
      await getService(strapi, 'taggingModels').stop();
    },

    state() {
      return { running: started, inFlight: inFlight.size, ...counters };
    },
  };
};

export type TaggingWorkerService = ReturnType<typeof createTaggingWorkerService>;
export default createTaggingWorkerService;
