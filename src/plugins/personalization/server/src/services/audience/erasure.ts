import type { Core } from '@strapi/strapi';
import { getService } from '../../utils/get-service';
import { EXPERIMENT_TABLES } from '../experiments/tables';
import { AUDIENCE_TABLES } from './tables';

export interface ErasureCounts {
  events: number;
  profiles: number;
  consents: number;
  segments: number;
  identities: number;
  /** Experiment assignments and exposures. */
  experiments: number;
}

/**
 * The right to erasure: every audience and experiment row of a user (and of the visitor ids linked to them), or of
 * one visitor id, deleted in one transaction. Returns how many rows each table lost.
 */
const createErasureService = ({ strapi }: { strapi: Core.Strapi }) => {
  const eraseKeys = async (keys: string[]): Promise<ErasureCounts> => {
    const { events, profiles, consents, segmentMembers, identities } = AUDIENCE_TABLES;
    const counts = await strapi.db.connection.transaction(async (trx) => ({
      events: Number(await trx(events).whereIn('caller_key', keys).delete()),
      profiles: Number(await trx(profiles).whereIn('caller_key', keys).delete()),
      consents: Number(await trx(consents).whereIn('caller_key', keys).delete()),
      segments: Number(await trx(segmentMembers).whereIn('caller_key', keys).delete()),
      identities: Number(
        await trx(identities).whereIn('visitor_key', keys).orWhereIn('user_key', keys).delete()
      ),
      experiments:
        Number(await trx(EXPERIMENT_TABLES.assignments).whereIn('caller_key', keys).delete()) +
        Number(await trx(EXPERIMENT_TABLES.exposures).whereIn('caller_key', keys).delete()),
    }));
    getService(strapi, 'experimentAssignments').forget(keys);
    const identity = getService(strapi, 'audienceIdentity');
    for (const key of keys) {
      identity.forget(key);
      getService(strapi, 'audience').invalidate(key);
    }
    return counts;
  };

  return {
    async eraseUser(userId: string): Promise<ErasureCounts> {
      const { userKey, visitorKeys } = await getService(strapi, 'audienceIdentity').keysOfUser(
        userId
      );
      return eraseKeys([userKey, ...visitorKeys]);
    },

    async eraseVisitor(visitorId: string): Promise<ErasureCounts> {
      return eraseKeys([
        getService(strapi, 'audienceIdentity').keyOf({ kind: 'visitor', id: visitorId }),
      ]);
    },
  };
};

export type ErasureService = ReturnType<typeof createErasureService>;
export default createErasureService;
