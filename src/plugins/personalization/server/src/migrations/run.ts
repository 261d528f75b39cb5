import { assertValidMigrations, migrationLabel, planMigrations } from '../core/migrations/plan';
import { LOCK_NAMESPACE, lockKey } from '../services/scheduled/lock-key';
import { isPostgres } from '../utils/raw-rows';
import { MIGRATIONS } from './list';
import type { Knex, Migration } from './types';

/** The versions applied to this database: one row per migration, written in its transaction. */
export const MIGRATIONS_TABLE = 'personalization_migrations';

/**
 * Serializes the runner's transactions across instances on PostgreSQL. At boot the plugin's boot
 * lock already makes instances take turns; this one also covers a runner started outside a boot.
 * Its own key: the boot lock is held by another connection of this very process.
 */
const MIGRATIONS_LOCK = lockKey('migrations');

export interface MigrationLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface RunOptions {
  /** The steps to run; the plugin's own by default (tests pass their own). */
  migrations?: readonly Migration[];
  log?: MigrationLog;
}

/** `knex` is the connection the transaction came from (a transaction's client config is not its own). */
const lockForMigrations = async (knex: Knex, trx: Knex): Promise<void> => {
  if (isPostgres(knex)) {
    await trx.raw('SELECT pg_advisory_xact_lock(?, ?)', [LOCK_NAMESPACE, MIGRATIONS_LOCK]);
  }
};

const ensureMigrationsTable = (knex: Knex): Promise<void> =>
  knex.transaction(async (trx) => {
    await lockForMigrations(knex, trx);
    if (await trx.schema.hasTable(MIGRATIONS_TABLE)) return;
    await trx.schema.createTable(MIGRATIONS_TABLE, (table) => {
      table.integer('version').primary();
      table.string('name', 100).notNullable();
      table.bigInteger('applied_at').notNullable();
    });
  });

const appliedVersions = async (knex: Knex): Promise<number[]> => {
  const rows = (await knex(MIGRATIONS_TABLE).select('version')) as Array<{ version: unknown }>;
  return rows.map((row) => Number(row.version));
};

/**
 * Runs one migration and records it in the same transaction: it is applied whole and recorded, or
 * rolled back and not recorded. Returns false when another instance applied it meanwhile.
 */
const applyMigration = async (knex: Knex, migration: Migration): Promise<boolean> => {
  try {
    return await knex.transaction(async (trx) => {
      await lockForMigrations(knex, trx);
      if (await trx(MIGRATIONS_TABLE).where({ version: migration.version }).first()) return false;
      await migration.up(trx);
      await trx(MIGRATIONS_TABLE).insert({
        version: migration.version,
        name: migration.name,
        applied_at: Date.now(),
      });
      return true;
    });
  } catch (error) {
    throw new Error(
      `[personalization] migration ${migrationLabel(migration)} failed and was rolled back: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error }
    );
  }
};

/**
 * Brings the plugin's tables to the version this code needs, before any service reads them: runs
 * the migrations not yet recorded, oldest first, each in its own transaction. A database made before
 * the plugin recorded migrations goes through the same path: every migration only adds what is
 * missing, keeps the rows, and is then recorded. Returns the labels of the migrations it applied.
 */
export const runMigrations = async (knex: Knex, options: RunOptions = {}): Promise<string[]> => {
  const migrations = options.migrations ?? MIGRATIONS;
  assertValidMigrations(migrations);
  await ensureMigrationsTable(knex);
  const plan = planMigrations(migrations, await appliedVersions(knex));
  if (plan.unknown.length > 0) {
    options.log?.warn(
      `[personalization] the database has migrations this plugin version does not know (${plan.unknown.join(', ')}): was the plugin downgraded?`
    );
  }
  const applied: string[] = [];
  for (const migration of plan.pending) {
    const started = Date.now();
    if (!(await applyMigration(knex, migration))) continue;
    applied.push(migrationLabel(migration));
    options.log?.info(
      `[personalization] migration ${migrationLabel(migration)} applied in ${Date.now() - started} ms`
    );
  }
  return applied;
};
