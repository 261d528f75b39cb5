import type { Core } from '@strapi/strapi';

type Knex = Core.Strapi['db']['connection'];

/** True on PostgreSQL, false on SQLite (the two databases the plugin supports). */
export const isPostgres = (knex: Knex): boolean =>
  ['pg', 'postgres', 'postgresql'].includes(String(knex.client.config.client));

/**
 * The rows of a `knex.raw` statement with RETURNING: pg answers `{ rows }`, better-sqlite3 the
 * array itself.
 */
export const rawRows = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);
