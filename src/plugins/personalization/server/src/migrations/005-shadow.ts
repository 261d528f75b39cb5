import { createTableIfMissing, type Migration } from './types';

/**
 * One row per shadowed rule: its tally (core/shadow/tally.ts) as JSON, for the candidate named by
 * `candidate` (a hash of the rule as it would be promoted: a changed candidate starts a new report).
 */
export const shadow: Migration = {
  version: 5,
  name: 'shadow',
  async up(knex) {
    await createTableIfMissing(knex, 'personalization_shadow_reports', (table) => {
      table.string('rule_name', 100).notNullable().primary('pz_shadow_reports_pk');
      table.string('candidate', 64).notNullable();
      table.text('tally').notNullable();
      table.bigInteger('started_at').notNullable();
      table.bigInteger('updated_at').notNullable();
    });
  },
};
