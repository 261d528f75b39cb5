import type { Core } from '@strapi/strapi';
import { backoffDelay } from '../../core/tagging';
import { getPluginConfig } from '../../utils/get-plugin-config';
import { localeKey, localeValue, toBoolean, toNumber, toOptionalNumber } from './rows';
import { JOBS_TABLE } from './tables';

export type JobKind = 'entry' | 'rescan';
export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

export interface TaggingJob {
  id: number;
  kind: JobKind;
  uid: string;
  documentId: string | null;
  locale: string | null;
  force: boolean;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAfter: number;
  lastError: string | null;
  progress: { done: number; total: number | null };
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

type Row = Record<string, unknown>;

const fromRow = (row: Row): TaggingJob => ({
  id: toNumber(row.id),
  kind: row.kind as JobKind,
  uid: String(row.uid),
  documentId: (row.document_id as string | null) ?? null,
  locale: localeValue(String(row.locale ?? '')),
  force: toBoolean(row.force),
  status: row.status as JobStatus,
  attempts: toNumber(row.attempts),
  maxAttempts: toNumber(row.max_attempts),
  runAfter: toNumber(row.run_after),
  lastError: (row.last_error as string | null) ?? null,
  progress: { done: toNumber(row.progress_done), total: toOptionalNumber(row.progress_total) },
  createdAt: toNumber(row.created_at),
  updatedAt: toNumber(row.updated_at),
  finishedAt: toOptionalNumber(row.finished_at),
});

const MAX_ERROR_LENGTH = 2000;

/** The durable job queue: one knex table, claimed row by row so two workers never run one job. */
const createTaggingQueueService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const config = () => getPluginConfig(strapi).tagging;

  return {
    /** Records that an entry needs tagging; a job already waiting for the same entry is reused. */
    async enqueueEntry(
      uid: string,
      documentId: string,
      locale: string | null,
      options: { force?: boolean } = {}
    ): Promise<TaggingJob> {
      const waiting = await knex()(JOBS_TABLE)
        .where({
          kind: 'entry',
          uid,
          document_id: documentId,
          locale: localeKey(locale),
          status: 'pending',
        })
        .first();
      if (waiting && (!options.force || toBoolean(waiting.force))) {
        return fromRow(waiting);
      }
      return this.insert({ kind: 'entry', uid, documentId, locale, force: options.force ?? false });
    },

    async enqueueRescan(uid: string, locale: string | null): Promise<TaggingJob> {
      return this.insert({ kind: 'rescan', uid, documentId: null, locale, force: true });
    },

    async insert(job: {
      kind: JobKind;
      uid: string;
      documentId: string | null;
      locale: string | null;
      force: boolean;
    }): Promise<TaggingJob> {
      const now = Date.now();
      const [inserted] = await knex()(JOBS_TABLE)
        .insert({
          kind: job.kind,
          uid: job.uid,
          document_id: job.documentId,
          locale: localeKey(job.locale),
          force: job.force,
          status: 'pending',
          attempts: 0,
          max_attempts: config().maxAttempts,
          run_after: now,
          progress_done: 0,
          created_at: now,
          updated_at: now,
        })
        .returning('id');
      const id = typeof inserted === 'object' ? (inserted as { id: number }).id : inserted;
      const created = await this.get(Number(id));
      if (!created) {
        throw new Error(`tagging job ${String(id)} vanished right after it was inserted`);
      }
      return created;
    },

    async get(id: number): Promise<TaggingJob | null> {
      const row = await knex()(JOBS_TABLE).where({ id }).first();
      return row ? fromRow(row) : null;
    },

    /** Claims up to `limit` due jobs; the conditional update makes the claim safe between workers. */
    async claim(limit: number): Promise<TaggingJob[]> {
      const now = Date.now();
      const due = (await knex()(JOBS_TABLE)
        .where({ status: 'pending' })
        .andWhere('run_after', '<=', now)
        .orderBy('id', 'asc')
        .limit(limit)
        .select('id')) as Row[];
      const claimed: TaggingJob[] = [];
      for (const { id } of due) {
        const updated = await knex()(JOBS_TABLE)
          .where({ id, status: 'pending' })
          .update({ status: 'running', attempts: knex().raw('attempts + 1'), updated_at: now });
        if (updated === 1) {
          const job = await this.get(toNumber(id));
          if (job) {
            claimed.push(job);
          }
        }
      }
      return claimed;
    },

    async progress(id: number, done: number, total: number | null): Promise<void> {
      await knex()(JOBS_TABLE)
        .where({ id })
        .update({ progress_done: done, progress_total: total, updated_at: Date.now() });
    },

    async complete(id: number): Promise<void> {
      const now = Date.now();
      await knex()(JOBS_TABLE)
        .where({ id })
        .update({ status: 'done', last_error: null, updated_at: now, finished_at: now });
    },

    /** Schedules another attempt with backoff, or marks the job failed after its last attempt. */
    async fail(job: TaggingJob, error: unknown, options: { retry: boolean }): Promise<JobStatus> {
      const now = Date.now();
      const message = (error instanceof Error ? error.message : String(error)).slice(
        0,
        MAX_ERROR_LENGTH
      );
      const { backoffMs, backoffMaxMs } = config();
      const final = !options.retry || job.attempts >= job.maxAttempts;
      await knex()(JOBS_TABLE)
        .where({ id: job.id })
        .update(
          final
            ? { status: 'failed', last_error: message, updated_at: now, finished_at: now }
            : {
                status: 'pending',
                last_error: message,
                updated_at: now,
                run_after:
                  now + backoffDelay(job.attempts, { baseMs: backoffMs, maxMs: backoffMaxMs }),
              }
        );
      return final ? 'failed' : 'pending';
    },

    /**
     * Puts jobs left running by a stopped process back in the queue. One worker per database is
     * assumed (see README): a second instance would reset the first one's running jobs.
     */
    async resumeInterrupted(): Promise<number> {
      return knex()(JOBS_TABLE)
        .where({ status: 'running' })
        .update({ status: 'pending', updated_at: Date.now() });
    },

    async counts(): Promise<Record<JobStatus, number>> {
      const rows = (await knex()(JOBS_TABLE)
        .select('status')
        .count({ count: '*' })
        .groupBy('status')) as Row[];
      const counts: Record<JobStatus, number> = { pending: 0, running: 0, done: 0, failed: 0 };
      for (const row of rows) {
        counts[row.status as JobStatus] = toNumber(row.count);
      }
      return counts;
    },

    async recent(
      status: JobStatus | null,
      kind: JobKind | null,
      limit: number
    ): Promise<TaggingJob[]> {
      const query = knex()(JOBS_TABLE).orderBy('id', 'desc').limit(limit);
      if (status) {
        query.where({ status });
      }
      if (kind) {
        query.where({ kind });
      }
      return ((await query) as Row[]).map(fromRow);
    },
  };
};

export type TaggingQueueService = ReturnType<typeof createTaggingQueueService>;
export default createTaggingQueueService;
