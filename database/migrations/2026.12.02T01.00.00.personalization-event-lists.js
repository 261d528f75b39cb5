'use strict';

/**
 * Recommendation lists carry an id (`list`) that view and click events send back, so engagement
 * is attributed to the list. The events table gets a nullable `list_id` column and an index to
 * count a list's events. Existing rows keep null: they came from no list.
 */
async function up(knex) {
  if (!(await knex.schema.hasColumn('personalization_events', 'list_id'))) {
    await knex.schema.alterTable('personalization_events', (table) => {
      table.string('list_id', 64).nullable();
      table.index(['list_id'], 'pz_events_list');
    });
  }
}

module.exports = { up };
