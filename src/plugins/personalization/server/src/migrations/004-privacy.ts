import { createTableIfMissing, type Migration } from './types';

/**
 * Consent history (one row per purpose whose value changed), the access audit log (append-only,
 * pruned only by its own retention) and the differentially private report releases (the privacy
 * budget's ledger).
 */
export const privacy: Migration = {
  version: 4,
  name: 'privacy',
  async up(knex) {
    await createTableIfMissing(knex, 'personalization_consent_history', (table) => {
      table.bigIncrements('id').primary();
      table.string('caller_key', 64).notNullable();
      table.string('purpose', 32).notNullable();
      table.boolean('value').notNullable();
      // Where the change came from: `api` (PUT /consent), `identify` (carried over from a visitor).
      table.string('source', 32).notNullable();
      table.bigInteger('changed_at').notNullable();
      table.index(['caller_key', 'changed_at'], 'pz_consent_history_caller');
      table.index(['changed_at'], 'pz_consent_history_time');
    });
    await createTableIfMissing(knex, 'personalization_audit', (table) => {
      table.bigIncrements('id').primary();
      table.bigInteger('at').notNullable();
      // `admin` (admin user id), `api-token` (token id), `caller` (the caller's own pseudonym),
      // `users-permissions` (a user whose role was granted the route), `system` (a lifecycle).
      table.string('actor_type', 24).notNullable();
      table.string('actor_id', 128).notNullable();
      table.string('action', 32).notNullable();
      table.string('subject_key', 64).notNullable();
      table.string('request_id', 128).notNullable();
      table.index(['subject_key', 'at'], 'pz_audit_subject');
      table.index(['action', 'at'], 'pz_audit_action');
      table.index(['at'], 'pz_audit_time');
    });
    await createTableIfMissing(knex, 'personalization_report_releases', (table) => {
      table.bigIncrements('id').primary();
      table.string('report', 64).notNullable();
      table.double('epsilon').notNullable();
      table.bigInteger('released_at').notNullable();
      table.string('actor_type', 24).notNullable();
      table.string('actor_id', 128).notNullable();
      table.index(['released_at'], 'pz_report_releases_time');
    });
  },
};
