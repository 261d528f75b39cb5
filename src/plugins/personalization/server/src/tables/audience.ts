import type { Core } from '@strapi/strapi';

export type Knex = Core.Strapi['db']['connection'];

/** The audience tables, created by migrations/002-audience.ts. */
export const AUDIENCE_TABLES = {
  events: 'personalization_events',
  profiles: 'personalization_profiles',
  consents: 'personalization_consents',
  identities: 'personalization_identities',
  segmentMembers: 'personalization_segment_members',
  clusteringRuns: 'personalization_clustering_runs',
} as const;

/** PostgreSQL returns bigint columns as strings; SQLite as numbers. */
export const toNumber = (value: unknown): number =>
  typeof value === 'number' ? value : Number(value);
