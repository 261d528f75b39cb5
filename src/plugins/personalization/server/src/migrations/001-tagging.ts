import type { Knex, Migration } from './types';

const JOBS = 'personalization_tagging_jobs';
const METADATA = 'personalization_tag_metadata';

/**
 * A jobs table made before leases gets the holder and the lease end. Rows that were running then
 * have no lease, which reads as expired: any instance may claim them.
 */
const addLeaseColumns = async (knex: Knex): Promise<void> => {
  const missing = {
    owner: !(await knex.schema.hasColumn(JOBS, 'owner')),
    leaseUntil: !(await knex.schema.hasColumn(JOBS, 'lease_until')),
  };
  if (!missing.owner && !missing.leaseUntil) return;
  await knex.schema.alterTable(JOBS, (table) => {
    if (missing.owner) table.string('owner', 128).nullable();
    if (missing.leaseUntil) table.bigInteger('lease_until').nullable();
  });
};

/** The tagging queue (jobs with expiring leases) and the tags found per entry and locale. */
export const tagging: Migration = {
  version: 1,
  name: 'tagging',
  async up(knex) {
    if (!(await knex.schema.hasTable(JOBS))) {
      await knex.schema.createTable(JOBS, (table) => {
        table.increments('id').primary();
        table.string('kind', 16).notNullable();
        table.string('uid', 255).notNullable();
        table.string('document_id', 64).nullable();
        table.string('locale', 32).notNullable().defaultTo('');
        table.boolean('force').notNullable().defaultTo(false);
        table.string('status', 16).notNullable();
        table.integer('attempts').notNullable().defaultTo(0);
        table.integer('max_attempts').notNullable();
        table.bigInteger('run_after').notNullable();
        table.text('last_error').nullable();
        table.integer('progress_done').notNullable().defaultTo(0);
        table.integer('progress_total').nullable();
        table.bigInteger('created_at').notNullable();
        table.bigInteger('updated_at').notNullable();
        table.bigInteger('finished_at').nullable();
        table.string('owner', 128).nullable();
        table.bigInteger('lease_until').nullable();
        table.index(['status', 'run_after'], 'pz_tagging_jobs_due');
        table.index(['uid', 'document_id', 'locale', 'status'], 'pz_tagging_jobs_entry');
      });
    }
    await addLeaseColumns(knex);
    if (!(await knex.schema.hasTable(METADATA))) {
      await knex.schema.createTable(METADATA, (table) => {
        table.increments('id').primary();
        table.string('uid', 255).notNullable();
        table.string('document_id', 64).notNullable();
        table.string('locale', 32).notNullable().defaultTo('');
        table.text('extracted').notNullable();
        table.text('decisions').notNullable();
        table.text('embedding').nullable();
        table.text('terms').notNullable();
        table.string('content_hash', 64).nullable();
        table.text('models').notNullable();
        table.boolean('truncated').notNullable().defaultTo(false);
        table.bigInteger('tagged_at').nullable();
        table.unique(['uid', 'document_id', 'locale'], { indexName: 'pz_tag_metadata_entry' });
      });
    }
  },
};
