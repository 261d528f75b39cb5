import type { Core } from '@strapi/strapi';
import { getService } from '../../utils/get-service';
import { EXPERIMENT_TABLES } from '../../tables/experiments';
import type { AuditActor } from '../privacy/audit';
import { PRIVACY_TABLES } from '../../tables/privacy';
import type { Knex } from '../../tables/audience';
import { AUDIENCE_TABLES } from '../../tables/audience';

export interface ErasureCounts {
  events: number;
  profiles: number;
  consents: number;
  /** Consent history rows. */
  consentHistory: number;
  segments: number;
  identities: number;
  /** Experiment assignments and exposures. */
  experiments: number;
}

/** Who asked for an erasure, for its audit row. */
export interface ErasureRequest {
  actor: AuditActor;
  requestId: string;
}

/**
 * The right to erasure: every audience and experiment row of a user (and of the visitor ids linked
 * to them), or of one visitor id, deleted in one transaction. Runs inside the caller's Strapi
 * transaction when there is one (a users-permissions user being deleted), so both stand or fall
 * together. Returns how many rows each table lost.
 */
const createErasureService = ({ strapi }: { strapi: Core.Strapi }) => {
  const deleteKeys = async (trx: Knex, keys: string[]): Promise<ErasureCounts> => {
    const { events, profiles, consents, segmentMembers, identities } = AUDIENCE_TABLES;
    return {
      events: Number(await trx(events).whereIn('caller_key', keys).delete()),
      profiles: Number(await trx(profiles).whereIn('caller_key', keys).delete()),
      consents: Number(await trx(consents).whereIn('caller_key', keys).delete()),
      consentHistory: Number(
        await trx(PRIVACY_TABLES.consentHistory).whereIn('caller_key', keys).delete()
      ),
      segments: Number(await trx(segmentMembers).whereIn('caller_key', keys).delete()),
      identities: Number(
        await trx(identities).whereIn('visitor_key', keys).orWhereIn('user_key', keys).delete()
      ),
      experiments:
        Number(await trx(EXPERIMENT_TABLES.assignments).whereIn('caller_key', keys).delete()) +
        Number(await trx(EXPERIMENT_TABLES.exposures).whereIn('caller_key', keys).delete()),
    };
  };

  /** Drops this instance's cached copies, now and again once the (possibly outer) transaction commits. */
  const forgetCached = (keys: string[]): void => {
    getService(strapi, 'experimentAssignments').forget(keys);
    for (const key of keys) getService(strapi, 'audience').invalidate(key);
  };

  // Strapi's typing wraps the callback's promise once more; awaiting unwraps both.
  const erase = async (
    keysIn: (trx: Knex) => Promise<string[]>,
    by: ErasureRequest
  ): Promise<ErasureCounts> =>
    await strapi.db.transaction(async ({ trx, onCommit }) => {
      const keys = await keysIn(trx);
      const counts = await deleteKeys(trx, keys);
      // The audit row outlives the erasure and holds only the pseudonym of the erased subject.
      await getService(strapi, 'audit').record(
        { actor: by.actor, action: 'erasure', subjectKey: keys[0], requestId: by.requestId },
        trx
      );
      forgetCached(keys);
      onCommit(() => forgetCached(keys));
      return counts;
    });

  return {
    async eraseUser(userId: string | number, by: ErasureRequest): Promise<ErasureCounts> {
      return erase(async (trx) => {
        const { userKey, visitorKeys } = await getService(strapi, 'audienceIdentity').keysOfUser(
          String(userId),
          trx
        );
        return [userKey, ...visitorKeys];
      }, by);
    },

    async eraseVisitor(visitorId: string, by: ErasureRequest): Promise<ErasureCounts> {
      return erase(
        async () => [
          getService(strapi, 'audienceIdentity').keyOf({ kind: 'visitor', id: visitorId }),
        ],
        by
      );
    },
  };
};

export type ErasureService = ReturnType<typeof createErasureService>;
export default createErasureService;
