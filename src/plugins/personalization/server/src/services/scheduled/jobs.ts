import type { Core } from '@strapi/strapi';
import { INSTANCE_ID } from '../../utils/instance-id';
import { isPostgres, rawRows } from '../../utils/raw-rows';
import { LOCK_NAMESPACE, lockKey } from './lock-key';
import { SCHEDULED_RUNS_TABLE } from '../../tables/scheduled';

export type ExclusiveRun<T> = { ran: true; result: T } | { ran: false; reason: 'locked' | 'done' };

/** The part of a pg client the lock needs (knex hands out pg clients from its pool). */
interface PgConnection {
  query(sql: string, values: unknown[]): Promise<{ rows: Array<{ got?: boolean }> }>;
}

/** Holds the job's advisory lock on a pooled connection for the duration of `fn`. */
const withAdvisoryLock = async <T>(
  strapi: Core.Strapi,
  name: string,
  fn: () => Promise<T>
): Promise<T | null> => {
  const { client } = strapi.db.connection;
  const connection = (await client.acquireConnection()) as PgConnection;
  try {
    const key = lockKey(name);
    const { rows } = await connection.query('SELECT pg_try_advisory_lock($1, $2) AS got', [
      LOCK_NAMESPACE,
      key,
    ]);
    if (!rows[0]?.got) return null;
    try {
      return await fn();
    } finally {
      await connection.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_NAMESPACE, key]);
    }
  } finally {
    await client.releaseConnection(connection);
  }
};

/**
 * Strapi runs every cron job on every instance. This wraps the plugin's jobs so that each
 * schedule slot runs once across all instances sharing the database:
 *
 * - the slot is claimed in `personalization_scheduled_runs` by one conditional upsert (the row's
 *   last slot must be older), so an instance firing the same slot after another finished skips;
 * - on PostgreSQL a session advisory lock, held on a connection of its own while the job runs,
 *   keeps two slots of one job from overlapping when a run outlasts its interval. A killed holder
 *   loses its connection and with it the lock. On SQLite (one file, one host) an in-process flag
 *   does that.
 *
 * The database, not Redis, holds the claim: every instance must share it anyway, while Redis is
 * optional and a Redis lock would make "once" depend on it.
 */
const createScheduledJobsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const runningHere = new Set<string>();

  /** Claims the slot for this instance; false when some instance already claimed it (or a later one). */
  const claimSlot = async (name: string, slot: number): Promise<boolean> => {
    const now = Date.now();
    const rows = rawRows(
      await knex().raw(
        `INSERT INTO ${SCHEDULED_RUNS_TABLE} (name, last_slot, owner, started_at, finished_at, runs)
         VALUES (?, ?, ?, ?, NULL, 1)
         ON CONFLICT (name) DO UPDATE
            SET last_slot = excluded.last_slot, owner = excluded.owner,
                started_at = excluded.started_at, finished_at = NULL,
                runs = ${SCHEDULED_RUNS_TABLE}.runs + 1
          WHERE ${SCHEDULED_RUNS_TABLE}.last_slot < excluded.last_slot
         RETURNING name`,
        [name, slot, INSTANCE_ID, now]
      )
    );
    return rows.length === 1;
  };

  const finished = (name: string, slot: number) =>
    knex()(SCHEDULED_RUNS_TABLE)
      .where({ name, last_slot: slot, owner: INSTANCE_ID })
      .update({ finished_at: Date.now() });

  const withPostgresLock = <T>(name: string, fn: () => Promise<T>) =>
    withAdvisoryLock(strapi, name, fn);

  const withLocalLock = async <T>(name: string, fn: () => Promise<T>): Promise<T | null> => {
    if (runningHere.has(name)) return null;
    runningHere.add(name);
    try {
      return await fn();
    } finally {
      runningHere.delete(name);
    }
  };

  const service = {
    /**
     * Runs `fn` for schedule slot `slot` (the time the run was due, in ms) unless another instance
     * is running this job or already ran this slot or a later one.
     */
    async runExclusively<T>(
      name: string,
      slot: number,
      fn: () => Promise<T>
    ): Promise<ExclusiveRun<T>> {
      const lock = isPostgres(knex()) ? withPostgresLock : withLocalLock;
      const outcome = await lock(name, async (): Promise<ExclusiveRun<T>> => {
        if (!(await claimSlot(name, slot))) return { ran: false, reason: 'done' };
        const started = Date.now();
        const result = await fn();
        await finished(name, slot);
        strapi.log.debug(
          `[personalization] scheduled job ${name} ran slot ${new Date(slot).toISOString()} on ${INSTANCE_ID} in ${Date.now() - started} ms`
        );
        return { ran: true, result };
      });
      const run = outcome ?? { ran: false, reason: 'locked' };
      if (!run.ran) {
        strapi.log.debug(
          `[personalization] scheduled job ${name} skipped slot ${new Date(slot).toISOString()} on ${INSTANCE_ID} (${run.reason === 'done' ? 'already run' : 'running elsewhere'})`
        );
      }
      return run;
    },

    /**
     * Adds `fn` to Strapi's cron under `cron`, wrapped in runExclusively with the slot Strapi
     * fired (the due time, the same on every instance). Failures are logged, never thrown.
     */
    add(name: string, cron: string, fn: () => Promise<unknown>): void {
      // Strapi's cron runs jobs added by plugins even when `server.cron.enabled` is false.
      if (!strapi.config.get('server.cron.enabled', true)) return;
      strapi.cron.add({
        // personalizationRetention, personalizationClustering …: the names these jobs always had.
        [`personalization${name.charAt(0).toUpperCase()}${name.slice(1)}`]: {
          task: async (_context: unknown, fireDate: unknown) => {
            const due = fireDate instanceof Date ? fireDate.getTime() : Date.now();
            // Whole seconds: the finest unit a cron rule has.
            const slot = Math.floor(due / 1000) * 1000;
            try {
              await service.runExclusively(name, slot, fn);
            } catch (error) {
              strapi.log.error(`[personalization] scheduled job ${name} failed: ${String(error)}`);
            }
          },
          options: cron,
        },
      });
    },
  };
  return service;
};

export type ScheduledJobsService = ReturnType<typeof createScheduledJobsService>;
export default createScheduledJobsService;
