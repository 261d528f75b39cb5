import type { Knex } from '../audience/tables';

export const FEEDBACK_AUDIT_TABLE = 'personalization_feedback_audit';

/**
 * One row per audited week and segment. Created at boot when missing, like the experiment
 * tables; each run replaces the rows of the weeks it recomputes.
 */
export const ensureRecommendationTables = async (knex: Knex): Promise<void> => {
  if (await knex.schema.hasTable(FEEDBACK_AUDIT_TABLE)) return;
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
};
