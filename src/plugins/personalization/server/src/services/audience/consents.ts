import type { Core } from '@strapi/strapi';
import type { Consent } from '../../core/audience/consent/consent';
import { getPluginConfig } from '../../utils/get-plugin-config';
import { AUDIENCE_TABLES } from './tables';

interface ConsentRow {
  personalization: boolean | number;
  analytics: boolean | number;
}

/** A caller's consent per purpose; callers who never answered get the configured defaults. */
const createConsentsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const defaults = getPluginConfig(strapi).audience.consentDefaults;
  const table = () => strapi.db.connection(AUDIENCE_TABLES.consents);

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

    async set(key: string, consent: Consent): Promise<void> {
      await table()
        .insert({
          caller_key: key,
          personalization: consent.personalization,
          analytics: consent.analytics,
          updated_at: Date.now(),
        })
        .onConflict('caller_key')
        .merge(['personalization', 'analytics', 'updated_at']);
    },
  };
};

export type ConsentsService = ReturnType<typeof createConsentsService>;
export default createConsentsService;
