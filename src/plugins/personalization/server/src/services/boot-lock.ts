import type { Core } from '@strapi/strapi';
import { LOCK_NAMESPACE, lockKey } from './scheduled/lock-key';
import { isPostgres } from '../utils/raw-rows';

/** The part of a pg client the lock needs (knex hands out pg clients from its pool). */
interface PgConnection {
  query(sql: string, values?: unknown[]): Promise<unknown>;
}

const BOOT_LOCK = lockKey('boot');
/** How long a boot waits for another instance's boot before it fails with a message saying so. */
const WAIT_SECONDS = 300;

/**
 * Instances that boot at the same moment on one PostgreSQL database take turns: each holds a
 * session advisory lock from just before Strapi's schema sync until it listens (or stops), so one
 * creates the tables, the plugin's tables and the demo content while the others wait and then
 * find them made. A killed holder loses its connection and with it the lock. SQLite (one file,
 * one process) needs none.
 */
const createBootLockService = ({ strapi }: { strapi: Core.Strapi }) => {
  let held: { connection: PgConnection; since: number } | null = null;

  const release = async (): Promise<void> => {
    const current = held;
    held = null;
    if (!current) return;
    const { client } = strapi.db.connection;
    try {
      await current.connection.query('SELECT pg_advisory_unlock($1, $2)', [
        LOCK_NAMESPACE,
        BOOT_LOCK,
      ]);
      strapi.log.debug(
        `[personalization] boot lock released after ${Date.now() - current.since} ms`
      );
    } catch (error) {
      // The session ends with the connection's release below or the process: the lock goes with it.
      strapi.log.warn(`[personalization] could not release the boot lock: ${String(error)}`);
    } finally {
      await client.releaseConnection(current.connection);
    }
  };

  const acquire = async (): Promise<void> => {
    const knex = strapi.db.connection;
    if (held || !isPostgres(knex)) return;
    const connection = (await knex.client.acquireConnection()) as PgConnection;
    const since = Date.now();
    try {
      await connection.query(`SET lock_timeout = '${WAIT_SECONDS}s'`);
      await connection.query('SELECT pg_advisory_lock($1, $2)', [LOCK_NAMESPACE, BOOT_LOCK]);
      await connection.query('RESET lock_timeout');
    } catch (error) {
      await knex.client.releaseConnection(connection);
      throw new Error(
        `[personalization] another instance has been booting on this database for over ${WAIT_SECONDS} s (boot lock): ${String(error)}`
      );
    }
    held = { connection, since };
    if (Date.now() - since > 1000) {
      strapi.log.info(
        `[personalization] waited ${Date.now() - since} ms for another instance's boot`
      );
    }
  };

  return {
    /** Takes the lock before Strapi syncs the schema; gives it back once the server listens. */
    register(): void {
      strapi.hook('strapi::content-types.beforeSync').register(acquire);
      strapi.server.httpServer.once('listening', () => {
        release().catch(() => undefined);
      });
    },
    /** For a stop before listening (tests, scripts that load Strapi without serving). */
    release,
  };
};

export type BootLockService = ReturnType<typeof createBootLockService>;
export default createBootLockService;
