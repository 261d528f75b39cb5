import type { Core } from '@strapi/strapi';
import { emptyTally, mergeTallies, type ShadowTally, type TallyLimits } from '../../core/shadow';
import { toNumber } from '../../tables/audience';
import { SHADOW_TABLES } from '../../tables/shadow';

export interface StoredReport {
  candidate: string;
  tally: ShadowTally;
  startedAt: number;
  updatedAt: number;
}

interface ReportRow {
  rule_name: string;
  candidate: string;
  tally: string;
  started_at: number | string;
  updated_at: number | string;
}

/** Reads and writes the shadow reports table: tallies are added to what is stored, in one transaction. */
export const createShadowStore = (strapi: Core.Strapi, limits: TallyLimits) => {
  const knex = () => strapi.db.connection;

  const parse = (row: ReportRow): StoredReport => ({
    candidate: row.candidate,
    // Stored by this code only; fields added later start from the empty tally's values.
    tally: { ...emptyTally(), ...(JSON.parse(row.tally) as Partial<ShadowTally>) },
    startedAt: toNumber(row.started_at),
    updatedAt: toNumber(row.updated_at),
  });

  return {
    async read(ruleName: string): Promise<StoredReport | null> {
      const row = (await knex()(SHADOW_TABLES.reports).where({ rule_name: ruleName }).first()) as
        | ReportRow
        | undefined;
      return row ? parse(row) : null;
    },

    /** Adds a tally to the rule's stored one (or starts it again when the candidate changed). */
    async add(ruleName: string, candidate: string, tally: ShadowTally): Promise<void> {
      const now = Date.now();
      await knex().transaction(async (trx) => {
        const query = trx(SHADOW_TABLES.reports).where({ rule_name: ruleName });
        // PostgreSQL: instances flushing the same rule at once wait for each other.
        const row = (await (strapi.db.dialect.client === 'postgres'
          ? query.forUpdate().first()
          : query.first())) as ReportRow | undefined;
        const stored = row ? parse(row) : null;
        if (stored && stored.candidate === candidate) {
          await trx(SHADOW_TABLES.reports)
            .where({ rule_name: ruleName })
            .update({
              tally: JSON.stringify(mergeTallies(stored.tally, tally, limits)),
              updated_at: now,
            });
          return;
        }
        if (row) await trx(SHADOW_TABLES.reports).where({ rule_name: ruleName }).delete();
        await trx(SHADOW_TABLES.reports).insert({
          rule_name: ruleName,
          candidate,
          tally: JSON.stringify(tally),
          started_at: now,
          updated_at: now,
        });
      });
    },

    async clear(ruleName: string): Promise<void> {
      await knex()(SHADOW_TABLES.reports).where({ rule_name: ruleName }).delete();
    },
  };
};
