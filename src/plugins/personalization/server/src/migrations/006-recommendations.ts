import { createTableIfMissing, type Migration } from './types';

/**
 * The feedback-loop audit (one row per audited week and segment; each run replaces the rows of the
 * weeks it recomputes), the lists handed out by the recommendations routes (events may only be
 * attributed to these) and, per UTC day, how many events' `list` was credited or refused.
 */
export const recommendations: Migration = {
  version: 6,
  name: 'recommendations',
  async up(knex) {
    await createTableIfMissing(knex, 'personalization_feedback_audit', (table) => {
      table.increments('id');
      table.string('week', 10).notNullable();
      table.string('segment', 100).notNullable();
      table.integer('exposures').notNullable();
      table.integer('entries').notNullable();
      table.integer('catalogue').notNullable();
      table.double('top_share').notNullable();
      table.double('coverage').notNullable();
      table.double('entropy').notNullable();
      table.double('entropy_drop').nullable();
      table.boolean('warning').notNullable();
      table.bigInteger('computed_at').notNullable();
      table.unique(['week', 'segment'], { indexName: 'pz_feedback_audit_week_segment' });
    });
    await createTableIfMissing(knex, 'personalization_recommendation_lists', (table) => {
      table.string('list_id', 32).primary();
      table.string('uid', 255).notNullable();
      // JSON array of the base entries' documentIds, in list order.
      table.text('items').notNullable();
      table.bigInteger('issued_at').notNullable().index('pz_recommendation_lists_issued');
    });
    await createTableIfMissing(knex, 'personalization_list_attribution', (table) => {
      table.string('day', 10).primary();
      table.integer('attributed').notNullable().defaultTo(0);
      table.integer('rejected').notNullable().defaultTo(0);
    });
  },
};
