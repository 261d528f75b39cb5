import type { Core } from '@strapi/strapi';
import type { VersionedMigration } from '../core/migrations/plan';

export type Knex = Core.Strapi['db']['connection'];

/**
 * One step of the plugin's schema. `up` runs inside a transaction (the `knex` it receives is that
 * transaction) and must be idempotent: a database made before the plugin recorded its migrations
 * may already hold what it creates. Once released, a migration is never edited: a change to the
 * schema is a new version.
 */
export interface Migration extends VersionedMigration {
  up(knex: Knex): Promise<void>;
}

/** What `knex.schema.createTable` hands its callback. */
export type TableBuilder = Parameters<Parameters<Knex['schema']['createTable']>[1]>[0];

/** Creates the table when missing: a database made before migrations may already have it. */
export const createTableIfMissing = async (
  knex: Knex,
  name: string,
  create: (table: TableBuilder) => void
): Promise<void> => {
  if (!(await knex.schema.hasTable(name))) await knex.schema.createTable(name, create);
};
