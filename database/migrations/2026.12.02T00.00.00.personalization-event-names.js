'use strict';

/**
 * Custom events carry a name (`signup`, `add-to-cart`) that experiment metrics can count, so the
 * events table gets a nullable `name` column. Existing rows keep null: they were never named.
 */
async function up(knex) {
  if (!(await knex.schema.hasColumn('personalization_events', 'name'))) {
    await knex.schema.alterTable('personalization_events', (table) => {
      table.string('name', 64).nullable();
    });
  }
}

module.exports = { up };
