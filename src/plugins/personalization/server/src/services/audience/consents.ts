import type { Core } from '@strapi/strapi';
import type { Consent } from '../../core/audience/consent/consent';
import { getPluginConfig } from '../../utils/get-plugin-config';
import { getService } from '../../utils/get-service';
import type { AuditEntry } from '../privacy/audit';
import { PRIVACY_TABLES } from '../../tables/privacy';
import { AUDIENCE_TABLES, type Knex } from '../../tables/audience';

interface ConsentRow {
  personalization: boolean | number;
  analytics: boolean | number;
}

/** Where a consent change came from, kept in its history row. */
export type ConsentSource = 'api' | 'identify';

const PURPOSES = ['personalization', 'analytics'] as const;

/**
 * A caller's consent per purpose; callers who never answered get the configured defaults. Every
 * change is appended to the consent history (one row per purpose whose stored value changed) and to
 * the audit log, in the same transaction as the change itself.
 */
const createConsentsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const defaults = getPluginConfig(strapi).audience.consentDefaults;
  const table = (db: Knex = strapi.db.connection) => db(AUDIENCE_TABLES.consents);

  return {
    defaults: (): Consent => ({ ...defaults }),

    async get(key: string): Promise<Consent & { stored: boolean }> {
      const row = (await table().where({ caller_key: key }).first()) as ConsentRow | undefined;
      if (!row) return { ...defaults, stored: false };
      // SQLite stores booleans as 0/1.
      return {
        personalization: Boolean(row.personalization),
        analytics: Boolean(row.analytics),
        stored: true,
      };
    },

    async set(
      key: string,
      consent: Consent,
      change: { source: ConsentSource; audit: AuditEntry }
    ): Promise<void> {
      await strapi.db.transaction(async ({ trx }) => {
        const now = Date.now();
        const before = (await table(trx).where({ caller_key: key }).first()) as
          | ConsentRow
          | undefined;
        await table(trx)
          .insert({
            caller_key: key,
            personalization: consent.personalization,
            analytics: consent.analytics,
            updated_at: now,
          })
          .onConflict('caller_key')
          .merge(['personalization', 'analytics', 'updated_at']);
        const changed = PURPOSES.filter(
          (purpose) => !before || Boolean(before[purpose]) !== consent[purpose]
        );
        if (changed.length > 0) {
          await trx(PRIVACY_TABLES.consentHistory).insert(
            changed.map((purpose) => ({
              caller_key: key,
              purpose,
              value: consent[purpose],
              source: change.source,
              changed_at: now,
            }))
          );
        }
        await getService(strapi, 'audit').record(change.audit, trx, now);
      });
    },

    /** The caller's consent changes, oldest first. */
    async history(
      keys: string[],
      db: Knex = strapi.db.connection
    ): Promise<Array<{ purpose: string; value: boolean; source: string; changedAt: string }>> {
      const rows = (await db(PRIVACY_TABLES.consentHistory)
        .whereIn('caller_key', keys)
        .orderBy([{ column: 'changed_at' }, { column: 'id' }])) as Array<{
        purpose: string;
        value: boolean | number;
        source: string;
        changed_at: number | string;
      }>;
      return rows.map((row) => ({
        purpose: row.purpose,
        value: Boolean(row.value),
        source: row.source,
        changedAt: new Date(Number(row.changed_at)).toISOString(),
      }));
    },
  };
};

export type ConsentsService = ReturnType<typeof createConsentsService>;
export default createConsentsService;
