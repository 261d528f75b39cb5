import type { Knex } from '../audience/tables';

export const SHADOW_TABLES = {
  reports: 'personalization_shadow_reports',
} as const;

/**
 * One row per shadowed rule: its tally (core/shadow/tally.ts) as JSON, for the candidate named by
 * `candidate` (a hash of the rule as it would be promoted: a changed candidate starts a new report).
 * Created at boot when missing.
 */
export const ensureShadowTables = async (knex: Knex): Promise<void> => {
  if (await knex.schema.hasTable(SHADOW_TABLES.reports)) return;
  await knex.schema.createTable(SHADOW_TABLES.reports, (table) => {
    table.string('rule_name', 100).notNullable().primary('pz_shadow_reports_pk');
    table.string('candidate', 64).notNullable();
    table.text('tally').notNullable();
    table.bigInteger('started_at').notNullable();
    table.bigInteger('updated_at').notNullable();
  });
};
