import type { Core } from '@strapi/strapi';

export type Knex = Core.Strapi['db']['connection'];

/**
 * The tagging queue and the tags found per entry. Not content types (high-volume, no admin
 * editing): the plugin creates them itself in migrations/001-tagging.ts.
 */
export const JOBS_TABLE = 'personalization_tagging_jobs';
export const METADATA_TABLE = 'personalization_tag_metadata';
