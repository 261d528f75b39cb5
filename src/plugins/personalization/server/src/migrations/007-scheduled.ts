import { createTableIfMissing, type Migration } from './types';

/** One row per scheduled job: the last schedule slot some instance claimed, and by whom. */
export const scheduled: Migration = {
  version: 7,
  name: 'scheduled',
  async up(knex) {
    await createTableIfMissing(knex, 'personalization_scheduled_runs', (table) => {
      table.string('name', 64).primary();
      table.bigInteger('last_slot').notNullable();
      table.string('owner', 128).notNullable();
      table.bigInteger('started_at').notNullable();
      table.bigInteger('finished_at').nullable();
      table.integer('runs').notNullable().defaultTo(0);
    });
  },
};
