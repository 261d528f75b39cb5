import type { Core } from '@strapi/strapi';
import type { CallerInput } from '../../core/templates';
import { getService } from '../../utils/get-service';
import { AUDIENCE_TABLES, type Knex } from '../../tables/audience';
import { EXPERIMENT_TABLES } from '../../tables/experiments';
import { PRIVACY_TABLES } from '../../tables/privacy';

/**
 * Every table that holds a caller's pseudonym, and the columns it is in. The subject access export
 * reads each of them; the completeness test compares this list with the database's tables.
 */
export const EXPORT_SOURCES = {
  events: { table: AUDIENCE_TABLES.events, columns: ['caller_key'] },
  profiles: { table: AUDIENCE_TABLES.profiles, columns: ['caller_key'] },
  consents: { table: AUDIENCE_TABLES.consents, columns: ['caller_key'] },
  consentHistory: { table: PRIVACY_TABLES.consentHistory, columns: ['caller_key'] },
  segments: { table: AUDIENCE_TABLES.segmentMembers, columns: ['caller_key'] },
  identities: { table: AUDIENCE_TABLES.identities, columns: ['visitor_key', 'user_key'] },
  experimentAssignments: { table: EXPERIMENT_TABLES.assignments, columns: ['caller_key'] },
  experimentExposures: { table: EXPERIMENT_TABLES.exposures, columns: ['caller_key'] },
  accessLog: { table: PRIVACY_TABLES.audit, columns: ['subject_key'] },
} as const;

export type ExportSource = keyof typeof EXPORT_SOURCES;

/** Columns stored as JSON text, served parsed. */
const JSON_COLUMNS = new Set(['tags', 'data', 'sizes', 'features']);

const parsed = (row: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(row).map(([column, value]) => [
      column,
      JSON_COLUMNS.has(column) && typeof value === 'string' ? JSON.parse(value) : value,
    ])
  );

/**
 * Subject access: everything stored about a caller, as the rows are stored (times in epoch
 * milliseconds), plus the profile view, consent and segments as `GET /me` shows them.
 */
const createExportService = ({ strapi }: { strapi: Core.Strapi }) => {
  const rowsOf = async (db: Knex, source: ExportSource, keys: string[]) => {
    const { table, columns } = EXPORT_SOURCES[source];
    const rows = (await db(table).where((query) => {
      for (const column of columns) query.orWhereIn(column, keys);
    })) as Array<Record<string, unknown>>;
    return rows.map(parsed);
  };

  return {
    /** Keys of the subject: a user's own and their linked visitors', or one visitor's. */
    async keysOf(caller: CallerInput): Promise<string[]> {
      const identity = getService(strapi, 'audienceIdentity');
      if (caller.user) {
        const { userKey, visitorKeys } = await identity.keysOfUser(String(caller.user.id));
        return [userKey, ...visitorKeys];
      }
      const stored = await identity.resolve(caller);
      return stored ? [stored.key] : [];
    },

    async export(caller: CallerInput, keys: string[]) {
      const audience = getService(strapi, 'audience');
      audience.invalidate(keys[0]);
      const context = await audience.contextFor(caller);
      const stored = {} as Record<ExportSource, Array<Record<string, unknown>>>;
      for (const source of Object.keys(EXPORT_SOURCES) as ExportSource[]) {
        stored[source] = await rowsOf(strapi.db.connection, source, keys);
      }
      return {
        subject: caller.user ? ('user' as const) : ('visitor' as const),
        exportedAt: new Date().toISOString(),
        pseudonyms: keys,
        consent: context?.consent ?? getService(strapi, 'consents').defaults(),
        profile: context?.profile ?? null,
        segmentNames: context?.segments ?? [],
        ...stored,
        sources: Object.fromEntries(
          Object.entries(EXPORT_SOURCES).map(([source, { table }]) => [source, table])
        ) as Record<ExportSource, string>,
      };
    },
  };
};

export type ExportService = ReturnType<typeof createExportService>;
export default createExportService;
