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
}

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
  const counters: WorkerCounters = { completed: 0, retried: 0, failed: 0, pollErrors: 0 };

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

  const runRescan = async (job: TaggingJob) => {
    const tagger = getService(strapi, 'tagger');
    const documents = strapi.documents(job.uid as Parameters<typeof strapi.documents>[0]);
    const locale = job.locale ? { locale: job.locale } : {};
    const total = await documents.count({ ...locale });
    let done = job.progress.done;
    await queue().progress(job.id, done, total);
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
      }
      await queue().progress(job.id, done, total);
    }
    if (done < total) {
      throw new Error(`rescan stopped at ${done} of ${total} entries (worker stopping)`);
    }
  };

  const run = async (job: TaggingJob) => {
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
      await queue().complete(job.id);
      counters.completed += 1;
    } catch (error) {
      const state = await queue()
        .fail(job, error, { retry: !(error instanceof PermanentTaggingError) })
        .catch((storeError: unknown) => {
          strapi.log.error(
            `[personalization] could not record the failure of job ${job.id}: ${String(storeError)}`
          );
          return 'failed' as const;
        });
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
        // Jobs claimed while stop() ran stay "running" in the table and are resumed at the next boot.
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
      const resumed = await queue().resumeInterrupted();
      if (resumed > 0) {
        strapi.log.info(`[personalization] resuming ${resumed} interrupted tagging job(s)`);
      }
      started = true;
      schedule(0);
    },

    /** Wakes the worker now (after an enqueue) instead of at the next poll. */
    kick(): void {
      lastSaveAt = Date.now();
      schedule(config().settleMs);
    },

    /** Stops polling and waits for the jobs in flight; a job cut short is resumed on the next boot. */
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
