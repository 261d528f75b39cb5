import type { Core } from '@strapi/strapi';
import { backoffDelay } from '../../core/tagging';
import { getPluginConfig } from '../../utils/get-plugin-config';
import { INSTANCE_ID } from '../../utils/instance-id';
import { isPostgres, rawRows } from '../../utils/raw-rows';
import {
  localeKey,
  localeValue,
  toBoolean,
  toNumber,
  toOptionalNumber,
} from '../../tables/row-values';
import { JOBS_TABLE } from '../../tables/tagging';

/** Tagging jobs (the tagging worker), and segment re-evaluations (the job runner). */
export type JobKind = 'entry' | 'rescan' | 'segment';
/** What the tagging worker claims and the tagging status counts. */
export const TAGGING_KINDS: readonly JobKind[] = ['entry', 'rescan'];
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
  /** The instance holding the job while it runs (see INSTANCE_ID), and until when. */
  owner: string | null;
  leaseUntil: number | null;
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
  owner: (row.owner as string | null) ?? null,
  leaseUntil: toOptionalNumber(row.lease_until),
});

const MAX_ERROR_LENGTH = 2000;

/**
 * The durable job queue: one knex table shared by every instance on the database. A job is
 * claimed with an expiring lease that its holder renews while it runs; a lease that expires (the
 * holder was killed or hangs) makes the job claimable again by any instance. Nothing is reset at
 * boot, so starting an instance never disturbs the jobs another one runs.
 */
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

    /**
     * A job of a kind that names its subject in `uid` (a segment name); a job of that subject
     * still waiting for its first attempt is reused: it reads the subject's definition when it
     * runs. One waiting to retry is not: the new change gets all its attempts.
     */
    async enqueueFor(kind: JobKind, subject: string): Promise<TaggingJob> {
      const waiting = await knex()(JOBS_TABLE)
        .where({ kind, uid: subject, status: 'pending', attempts: 0 })
        .orderBy('id', 'desc')
        .first();
      if (waiting) return fromRow(waiting);
      return this.insert({ kind, uid: subject, documentId: null, locale: null, force: false });
    },

    /** The newest job of a kind for a subject, or null. */
    async latestFor(kind: JobKind, subject: string): Promise<TaggingJob | null> {
      const row = await knex()(JOBS_TABLE)
        .where({ kind, uid: subject })
        .orderBy('id', 'desc')
        .first();
      return row ? fromRow(row) : null;
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

    /**
     * Claims up to `limit` jobs for this instance in one statement: due pending jobs, and running
     * jobs whose lease expired (their holder died or hung). PostgreSQL skips rows another
     * instance is claiming at the same moment (`FOR UPDATE SKIP LOCKED`); SQLite runs one write
     * statement at a time, which makes the same statement just as exclusive.
     */
    async claim(limit: number, kinds: readonly JobKind[] = TAGGING_KINDS): Promise<TaggingJob[]> {
      const now = Date.now();
      await this.failExhausted(now);
      const lock = isPostgres(knex()) ? 'FOR UPDATE SKIP LOCKED' : '';
      const kindList = kinds.map(() => '?').join(', ');
      const rows = rawRows<Row>(
        await knex().raw(
          `UPDATE ${JOBS_TABLE}
              SET status = 'running', owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
            WHERE id IN (
              SELECT id FROM ${JOBS_TABLE}
               WHERE kind IN (${kindList})
                 AND ((status = 'pending' AND run_after <= ?)
                  OR (status = 'running' AND (lease_until IS NULL OR lease_until < ?)))
               ORDER BY id
               LIMIT ? ${lock})
            RETURNING *`,
          [INSTANCE_ID, now + config().leaseMs, now, ...kinds, now, now, limit]
        )
      );
      return rows.map(fromRow).sort((a, b) => a.id - b.id);
    },

    /** A job whose holder died on its last attempt is not run again (it may be what kills them). */
    async failExhausted(now: number): Promise<number> {
      return knex()(JOBS_TABLE)
        .where({ status: 'running' })
        .andWhere((query) => query.whereNull('lease_until').orWhere('lease_until', '<', now))
        .andWhereRaw('attempts >= max_attempts')
        .update({
          status: 'failed',
          last_error: 'the instance running its last attempt stopped (lease expired)',
          owner: null,
          lease_until: null,
          updated_at: now,
          finished_at: now,
        });
    },

    /** Extends this instance's lease on a job it runs; false when the lease was lost to another. */
    async renew(job: TaggingJob): Promise<boolean> {
      const now = Date.now();
      const updated = await knex()(JOBS_TABLE)
        .where({ id: job.id, owner: INSTANCE_ID, status: 'running' })
        .update({ lease_until: now + config().leaseMs, updated_at: now });
      return updated === 1;
    },

    async progress(job: TaggingJob, done: number, total: number | null): Promise<boolean> {
      const now = Date.now();
      const updated = await knex()(JOBS_TABLE)
        .where({ id: job.id, owner: INSTANCE_ID, status: 'running' })
        .update({
          progress_done: done,
          progress_total: total,
          lease_until: now + config().leaseMs,
          updated_at: now,
        });
      return updated === 1;
    },

    /**
     * Marks the job done if this instance still holds it. False means the lease expired and
     * another instance took the job over: its run decides the outcome, this one changes nothing.
     */
    async complete(job: TaggingJob): Promise<boolean> {
      const now = Date.now();
      const updated = await knex()(JOBS_TABLE)
        .where({ id: job.id, owner: INSTANCE_ID, status: 'running' })
        .update({
          // The owner stays: it names the instance that finished the job.
          status: 'done',
          last_error: null,
          lease_until: null,
          updated_at: now,
          finished_at: now,
        });
      return updated === 1;
    },

    /**
     * Schedules another attempt with backoff, or marks the job failed after its last attempt;
     * null when this instance no longer holds the job (nothing is changed).
     */
    async fail(
      job: TaggingJob,
      error: unknown,
      options: { retry: boolean }
    ): Promise<JobStatus | null> {
      const now = Date.now();
      const message = (error instanceof Error ? error.message : String(error)).slice(
        0,
        MAX_ERROR_LENGTH
      );
      const { backoffMs, backoffMaxMs } = config();
      const final = !options.retry || job.attempts >= job.maxAttempts;
      const released = { owner: null, lease_until: null, last_error: message, updated_at: now };
      const updated = await knex()(JOBS_TABLE)
        .where({ id: job.id, owner: INSTANCE_ID, status: 'running' })
        .update(
          final
            ? { ...released, status: 'failed', finished_at: now }
            : {
                ...released,
                status: 'pending',
                run_after:
                  now + backoffDelay(job.attempts, { baseMs: backoffMs, maxMs: backoffMaxMs }),
              }
        );
      if (updated === 0) return null;
      return final ? 'failed' : 'pending';
    },

    /** Gives a claimed job back untouched (the worker is stopping before it could start it). */
    async release(job: TaggingJob): Promise<void> {
      await knex()(JOBS_TABLE)
        .where({ id: job.id, owner: INSTANCE_ID, status: 'running' })
        .update({
          status: 'pending',
          owner: null,
          lease_until: null,
          attempts: Math.max(0, job.attempts - 1),
          updated_at: Date.now(),
        });
    },

    async counts(kinds: readonly JobKind[] = TAGGING_KINDS): Promise<Record<JobStatus, number>> {
      const rows = (await knex()(JOBS_TABLE)
        .whereIn('kind', [...kinds])
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
      } else {
        query.whereIn('kind', [...TAGGING_KINDS]);
      }
      return ((await query) as Row[]).map(fromRow);
    },
  };
};

export type TaggingQueueService = ReturnType<typeof createTaggingQueueService>;
export default createTaggingQueueService;
