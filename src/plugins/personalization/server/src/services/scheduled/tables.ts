import type { Core } from '@strapi/strapi';

type Knex = Core.Strapi['db']['connection'];

/** One row per scheduled job: the last schedule slot some instance claimed, and by whom. */
export const SCHEDULED_RUNS_TABLE = 'personalization_scheduled_runs';

/** Creates the table when missing; safe to run at every boot of every instance. */
export const ensureScheduledRunsTable = async (knex: Knex): Promise<void> => {
  if (await knex.schema.hasTable(SCHEDULED_RUNS_TABLE)) return;
  await knex.schema.createTable(SCHEDULED_RUNS_TABLE, (table) => {
    table.string('name', 64).primary();
    table.bigInteger('last_slot').notNullable();
    table.string('owner', 128).notNullable();
    table.bigInteger('started_at').notNullable();
    table.bigInteger('finished_at').nullable();
    table.integer('runs').notNullable().defaultTo(0);
  });
};
