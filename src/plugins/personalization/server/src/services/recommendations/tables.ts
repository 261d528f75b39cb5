import type { Knex } from '../audience/tables';

export const FEEDBACK_AUDIT_TABLE = 'personalization_feedback_audit';
/** Lists handed out by the recommendations routes: events may only be attributed to these. */
export const ISSUED_LISTS_TABLE = 'personalization_recommendation_lists';
/** Per UTC day: events whose `list` was credited, and events whose `list` was refused. */
export const LIST_ATTRIBUTION_TABLE = 'personalization_list_attribution';

/**
 * Created at boot when missing, like the experiment tables. The audit has one row per audited
 * week and segment; each run replaces the rows of the weeks it recomputes.
 */
export const ensureRecommendationTables = async (knex: Knex): Promise<void> => {
  if (!(await knex.schema.hasTable(FEEDBACK_AUDIT_TABLE))) {
    await knex.schema.createTable(FEEDBACK_AUDIT_TABLE, (table) => {
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
  }
  if (!(await knex.schema.hasTable(ISSUED_LISTS_TABLE))) {
    await knex.schema.createTable(ISSUED_LISTS_TABLE, (table) => {
      table.string('list_id', 32).primary();
      table.string('uid', 255).notNullable();
      /** JSON array of the base entries' documentIds, in list order. */
      table.text('items').notNullable();
      table.bigInteger('issued_at').notNullable().index('pz_recommendation_lists_issued');
    });
  }
  if (!(await knex.schema.hasTable(LIST_ATTRIBUTION_TABLE))) {
    await knex.schema.createTable(LIST_ATTRIBUTION_TABLE, (table) => {
      table.string('day', 10).primary();
      table.integer('attributed').notNullable().defaultTo(0);
      table.integer('rejected').notNullable().defaultTo(0);
    });
  }
};
