import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { evaluateCondition, parseCondition } from '../../core/audience/conditions';
import type { Profile } from '../../core/audience/profiles/types';
import { SEGMENT_UID } from '../../records/uids';
import { getService } from '../../utils/get-service';
import { withHttpErrors } from '../../utils/http-errors';
import type { CreateSegmentInput, UpdateSegmentInput } from '../../validation/audience-input';
import { AUDIENCE_TABLES, toNumber, type Knex } from './tables';
import type { SegmentMember } from '../../../../shared/contracts/audience';

/** Roots a segment condition may read: the profile view and whether the caller is signed in. */
export const CONDITION_ROOTS = ['profile', 'user'];
/** Segments the clustering job writes; rule-based segments may not use this prefix. */
export const CLUSTER_PREFIX = 'cluster-';

type Condition = ReturnType<typeof parseCondition>;

interface SegmentRow {
  id: number;
  name: string;
  description: string | null;
  enabled: boolean;
  condition: unknown;
  createdAt?: string;
  updatedAt?: string;
}

interface ActiveSegment {
  name: string;
  condition: Condition;
}

/** A ConditionError is a 400 with its message. */
const toCondition = (json: unknown): Condition =>
  withHttpErrors(() => parseCondition(json, { roots: CONDITION_ROOTS }));

/**
 * Rule-based segments (a JSON condition over the profile, docs/segments.md) and the membership
 * table shared with the clustering job. Membership of rule segments is recomputed whenever a
 * caller's profile changes, and for every profile when a segment is created or changed.
 */
const createSegmentsService = ({ strapi }: { strapi: Core.Strapi }) => {
  let active: ActiveSegment[] = [];
  const rows = () => strapi.db.query(SEGMENT_UID);
  const members = (db: Knex = strapi.db.connection) => db(AUDIENCE_TABLES.segmentMembers);

  const findRow = async (name: string): Promise<SegmentRow> => {
    const row = (await rows().findOne({ where: { name } })) as SegmentRow | null;
    if (!row) throw new errors.NotFoundError(`segment "${name}" does not exist`);
    return row;
  };

  const matching = (profile: Profile, authenticated: boolean, segments = active): string[] => {
    const input = {
      profile: getService(strapi, 'profiles').view(profile) as unknown as Record<string, unknown>,
      user: { authenticated },
    };
    return segments
      .filter((segment) => evaluateCondition(segment.condition, input))
      .map((s) => s.name);
  };

  const writeMembership = async (
    db: Knex,
    key: string,
    names: readonly string[],
    source: 'rule' | 'cluster',
    only?: string
  ) => {
    const stale = members(db).where({ caller_key: key, source });
    await (only ? stale.andWhere({ segment: only }) : stale).delete();
    if (names.length === 0) return;
    const now = Date.now();
    await members(db).insert(
      names.map((segment) => ({ caller_key: key, segment, source, assigned_at: now }))
    );
  };

  /** Recomputes one segment for every stored profile (after it was created or changed). */
  const reevaluate = async (segment: ActiveSegment | null, name: string) => {
    for await (const page of getService(strapi, 'profiles').all()) {
      await strapi.db.connection.transaction(async (trx) => {
        for (const { key, subject, profile } of page) {
          const inside = segment ? matching(profile, subject === 'user', [segment]) : [];
          await writeMembership(trx, key, inside, 'rule', name);
        }
      });
    }
  };

  const present = (row: SegmentRow) => ({
    name: row.name,
    description: row.description,
    enabled: Boolean(row.enabled),
    condition: row.condition,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });

  const changed = async (name: string) => {
    await service.refresh();
    getService(strapi, 'cache').changed('segments');
    getService(strapi, 'audience').clear();
    await reevaluate(active.find((segment) => segment.name === name) ?? null, name);
  };

  const service = {
    /** Loads the enabled segments' conditions (boot, and after a change here or on another instance). */
    async refresh(): Promise<void> {
      const all = (await rows().findMany({ where: { enabled: true } })) as SegmentRow[];
      active = all.flatMap((row) => {
        try {
          return [
            {
              name: row.name,
              condition: parseCondition(row.condition, { roots: CONDITION_ROOTS }),
            },
          ];
        } catch (error) {
          strapi.log.error(
            `[personalization] segment "${row.name}" is skipped: ${(error as Error).message}`
          );
          return [];
        }
      });
    },

    /** Recomputes a caller's rule segments from their new profile, inside the ingest transaction. */
    async refreshMember(trx: Knex, key: string, profile: Profile, authenticated: boolean) {
      // With no active segment there is no rule membership to keep (removing one clears its rows).
      if (active.length === 0) return;
      const inside = matching(profile, authenticated);
      const current = (await members(trx)
        .where({ caller_key: key, source: 'rule' })
        .orderBy('segment')
        .select('segment')) as Array<{ segment: string }>;
      const unchanged =
        current.length === inside.length &&
        [...inside].sort().every((name, index) => name === current[index].segment);
      if (!unchanged) await writeMembership(trx, key, inside, 'rule');
    },

    /** The segments a caller is in (rule-based and clusters). */
    async forCaller(key: string): Promise<string[]> {
      const found = (await members()
        .where({ caller_key: key })
        .orderBy('segment')
        .select('segment')) as Array<{
        segment: string;
      }>;
      return found.map((row) => row.segment);
    },

    /** Members per segment, from the membership table. */
    async sizes(): Promise<Record<string, number>> {
      const counted = (await members()
        .select('segment')
        .count({ members: '*' })
        .groupBy('segment')) as Array<{ segment: string; members: number | string }>;
      return Object.fromEntries(counted.map((row) => [row.segment, toNumber(row.members)]));
    },

    /**
     * One page of a segment's members as pseudonyms, oldest membership first. The caller audits
     * the read: the rows it gets back are whose data was listed.
     */
    async members(
      name: string,
      page: { limit: number; offset: number }
    ): Promise<{ members: SegmentMember[]; total: number }> {
      const known = (await service.sizes())[name];
      if (known === undefined && !name.startsWith(CLUSTER_PREFIX)) await findRow(name);
      const rows = (await members()
        .where({ segment: name })
        .orderBy([
          { column: 'assigned_at', order: 'asc' },
          { column: 'caller_key', order: 'asc' },
        ])
        .limit(page.limit)
        .offset(page.offset)
        .select('caller_key', 'source', 'assigned_at')) as Array<{
        caller_key: string;
        source: string;
        assigned_at: number | string;
      }>;
      return {
        members: rows.map((row) => ({
          subjectKey: row.caller_key,
          source: row.source,
          since: new Date(toNumber(row.assigned_at)).toISOString(),
        })),
        total: known ?? 0,
      };
    },

    async list() {
      const [all, sizes] = await Promise.all([
        rows().findMany({ orderBy: { name: 'asc' } }) as Promise<SegmentRow[]>,
        service.sizes(),
      ]);
      return all.map((row) => ({ ...present(row), members: sizes[row.name] ?? 0 }));
    },

    async get(name: string) {
      const row = await findRow(name);
      return { ...present(row), members: (await service.sizes())[name] ?? 0 };
    },

    async create(input: CreateSegmentInput) {
      if (input.name.startsWith(CLUSTER_PREFIX)) {
        throw new errors.ValidationError(
          `name: "${CLUSTER_PREFIX}" is reserved for clustering segments`
        );
      }
      toCondition(input.condition);
      if (await rows().findOne({ where: { name: input.name } })) {
        throw new errors.ValidationError(`name: segment "${input.name}" already exists`);
      }
      await rows().create({
        data: {
          name: input.name,
          description: input.description ?? null,
          enabled: input.enabled ?? true,
          condition: input.condition,
        },
      });
      await changed(input.name);
      return service.get(input.name);
    },

    async update(name: string, input: UpdateSegmentInput) {
      const row = await findRow(name);
      if (input.condition !== undefined) toCondition(input.condition);
      await rows().update({
        where: { id: row.id },
        data: {
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
          ...(input.condition !== undefined ? { condition: input.condition } : {}),
        },
      });
      await changed(name);
      return service.get(name);
    },

    async remove(name: string): Promise<void> {
      const row = await findRow(name);
      await rows().delete({ where: { id: row.id } });
      await members().where({ segment: name, source: 'rule' }).delete();
      await service.refresh();
      getService(strapi, 'cache').changed('segments');
      getService(strapi, 'audience').clear();
    },

    /** Replaces the clustering segments of every clustered caller (one transaction per run). */
    async replaceClusters(trx: Knex, assignments: ReadonlyMap<string, string>): Promise<void> {
      await members(trx).where({ source: 'cluster' }).delete();
      const now = Date.now();
      const rowsToInsert = [...assignments].map(([key, segment]) => ({
        caller_key: key,
        segment,
        source: 'cluster',
        assigned_at: now,
      }));
      for (let start = 0; start < rowsToInsert.length; start += 500) {
        await members(trx).insert(rowsToInsert.slice(start, start + 500));
      }
    },

    /** The previous clustering assignment, caller key → cluster segment. */
    async clusterAssignments(): Promise<Map<string, string>> {
      const found = (await members()
        .where({ source: 'cluster' })
        .select('caller_key', 'segment')) as Array<{
        caller_key: string;
        segment: string;
      }>;
      return new Map(found.map((row) => [row.caller_key, row.segment]));
    },
  };
  return service;
};

export type SegmentsService = ReturnType<typeof createSegmentsService>;
export default createSegmentsService;
