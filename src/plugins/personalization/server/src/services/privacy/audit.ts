import type { Core } from '@strapi/strapi';
import type { Knex } from '../../tables/audience';
import { toNumber } from '../../tables/audience';
import { getPluginConfig } from '../../utils/get-plugin-config';
import { PRIVACY_TABLES } from '../../tables/privacy';
import type { AuditActionName } from '../../../../shared/contracts/privacy';

const DAY_MS = 86_400_000;

export { AUDIT_ACTIONS } from '../../../../shared/contracts/privacy';
export type AuditAction = AuditActionName;

export type ActorType = 'admin' | 'api-token' | 'caller' | 'users-permissions' | 'system';

export interface AuditActor {
  type: ActorType;
  id: string;
}

/** Who did what to whose data, in which request. The subject is a pseudonym, never a raw id. */
export interface AuditEntry {
  actor: AuditActor;
  action: AuditAction;
  subjectKey: string;
  requestId: string;
}

export interface AuditRow extends AuditEntry {
  id: number;
  at: string;
}

export interface AuditFilter {
  subject?: string;
  action?: AuditAction;
  since?: number;
  limit: number;
}

interface StoredAuditRow {
  id: number | string;
  at: number | string;
  actor_type: ActorType;
  actor_id: string;
  action: AuditAction;
  subject_key: string;
  request_id: string;
}

/**
 * The access audit log: append-only. Nothing here updates or deletes a row except `prune`, the
 * log's own retention (`privacy.audit.retentionDays`), which the retention job calls.
 */
const createAuditService = ({ strapi }: { strapi: Core.Strapi }) => {
  const table = (db: Knex = strapi.db.connection) => db(PRIVACY_TABLES.audit);

  return {
    /** Appends one row; inside `trx` when given, so the audited change and its row stand together. */
    async record(entry: AuditEntry, trx?: Knex, now = Date.now()): Promise<void> {
      await table(trx).insert({
        at: now,
        actor_type: entry.actor.type,
        actor_id: entry.actor.id,
        action: entry.action,
        subject_key: entry.subjectKey,
        request_id: entry.requestId,
      });
    },

    /** Newest first. */
    async list(filter: AuditFilter): Promise<AuditRow[]> {
      const query = table().orderBy([
        { column: 'at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
      if (filter.subject) query.where({ subject_key: filter.subject });
      if (filter.action) query.where({ action: filter.action });
      if (filter.since !== undefined) query.where('at', '>=', filter.since);
      const rows = (await query.limit(filter.limit)) as StoredAuditRow[];
      return rows.map((row) => ({
        id: toNumber(row.id),
        at: new Date(toNumber(row.at)).toISOString(),
        actor: { type: row.actor_type, id: row.actor_id },
        action: row.action,
        subjectKey: row.subject_key,
        requestId: row.request_id,
      }));
    },

    /** Every row about the given pseudonyms (for the subject's own export). */
    async rowsOf(keys: string[], db: Knex = strapi.db.connection): Promise<StoredAuditRow[]> {
      return (await table(db).whereIn('subject_key', keys).orderBy('id')) as StoredAuditRow[];
    },

    /** The log's retention: rows older than `privacy.audit.retentionDays`. */
    async prune(now = Date.now()): Promise<number> {
      const { retentionDays } = getPluginConfig(strapi).privacy.audit;
      return Number(
        await table()
          .where('at', '<', now - retentionDays * DAY_MS)
          .delete()
      );
    },
  };
};

export type AuditService = ReturnType<typeof createAuditService>;
export default createAuditService;
