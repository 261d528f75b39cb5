import type { Core } from '@strapi/strapi';

export type Knex = Core.Strapi['db']['connection'];

/** The audience tables, created by the app's database/migrations (see the plugin README). */
export const AUDIENCE_TABLES = {
  events: 'personalization_events',
  profiles: 'personalization_profiles',
  consents: 'personalization_consents',
  identities: 'personalization_identities',
  segmentMembers: 'personalization_segment_members',
  clusteringRuns: 'personalization_clustering_runs',
} as const;

export const MIGRATION_FILE = 'database/migrations/2026.11.29T00.00.00.personalization-audience.js';

export const LIST_MIGRATION_FILE =
  'database/migrations/2026.12.02T01.00.00.personalization-event-lists.js';

/** Fails boot with the fix when the migration that creates the audience tables was not installed. */
export const assertAudienceTables = async (knex: Knex): Promise<void> => {
  const missing: string[] = [];
  for (const table of Object.values(AUDIENCE_TABLES)) {
    if (!(await knex.schema.hasTable(table))) missing.push(table);
  }
  if (missing.length === 0 && !(await knex.schema.hasColumn(AUDIENCE_TABLES.events, 'list_id'))) {
    throw new Error(
      `[personalization] the events table has no list_id column: copy ${LIST_MIGRATION_FILE} from the plugin's repository into your app's database/migrations and restart`
    );
  }
  if (missing.length > 0) {
    throw new Error(
      `[personalization] missing audience tables (${missing.join(', ')}): copy ${MIGRATION_FILE} from the plugin's repository into your app's database/migrations and restart`
    );
  }
};

/** PostgreSQL returns bigint columns as strings; SQLite as numbers. */
export const toNumber = (value: unknown): number =>
  typeof value === 'number' ? value : Number(value);
