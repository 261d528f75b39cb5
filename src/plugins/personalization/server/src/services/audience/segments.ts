import type { Core } from '@strapi/strapi';
import type { Snapshot } from '../../core/changes/change-registry';
import { errors } from '@strapi/utils';
import { evaluateCondition, parseCondition } from '../../core/audience/conditions';
import type { Profile } from '../../core/audience/profiles/types';
import { SEGMENT_UID } from '../../records/uids';
import { getService } from '../../utils/get-service';
import type { JobHandler } from '../job-runner';
import { withHttpErrors } from '../../utils/http-errors';
import type { CreateSegmentInput, UpdateSegmentInput } from '../../validation/audience-input';
import { AUDIENCE_TABLES, toNumber, type Knex } from '../../tables/audience';
import type { SegmentMember } from '../../../../shared/contracts/audience';

/** Roots a segment condition may read: the profile view and whether the caller is signed in. */
export const CONDITION_ROOTS = ['profile', 'user'];
/** How long a segment write waits for its re-evaluation job before answering with its progress. */
const REEVALUATION_WAIT_MS = 3000;
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
 * caller's profile changes, and for every profile by a queued job when a segment is created or
 * changed.
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

  /**
   * The segment as stored now, or null when it is gone or disabled (its members are dropped). Not
   * the snapshot: the job may run on an instance that has not heard of the change yet.
   */
  const storedDefinition = async (name: string): Promise<ActiveSegment | null> => {
    const row = (await rows().findOne({ where: { name } })) as SegmentRow | null;
    if (!row?.enabled) return null;
    try {
      return { name, condition: parseCondition(row.condition, { roots: CONDITION_ROOTS }) };
    } catch {
      return null;
    }
  };

  /**
   * The re-evaluation job: one segment for every stored profile, a transaction per page. The
   * definition is read again per page, so a change made meanwhile (whose own job follows) is
   * what the remaining pages get.
   */
  const reevaluate: JobHandler = async (name, progress) => {
    const [{ count }] = (await strapi.db
      .connection(AUDIENCE_TABLES.profiles)
      .count({ count: '*' })) as Array<{ count: number | string }>;
    let total = toNumber(count);
    let done = 0;
    await progress(done, total);
    for await (const page of getService(strapi, 'profiles').all()) {
      const segment = await storedDefinition(name);
      await strapi.db.connection.transaction(async (trx) => {
        for (const { key, subject, profile } of page) {
          const inside = segment ? matching(profile, subject === 'user', [segment]) : [];
          await writeMembership(trx, key, inside, 'rule', name);
        }
      });
      done += page.length;
      // Profiles created while the job runs are counted as they are met.
      total = Math.max(total, done);
      await progress(done, total);
    }
    // Membership changed: cached audience contexts and decisions go, here and elsewhere.
    await getService(strapi, 'changeChannel').changed('segments');
  };

  const present = (row: SegmentRow) => ({
    name: row.name,
    description: row.description,
    enabled: Boolean(row.enabled),
    condition: row.condition,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });

  /**
   * After a create or update: reload, then re-evaluate every profile in a queued job. The answer
   * waits for the job a short while (a small audience is done by then), never for a large one.
   */
  const changed = async (name: string) => {
    await getService(strapi, 'changeChannel').changed('segments');
    const runner = getService(strapi, 'jobRunner');
    const job = await runner.enqueue('segment', name);
    await runner.waitFor(job.id, REEVALUATION_WAIT_MS);
  };

  /** Loads the enabled segments' conditions (boot, and after a change here or on another instance). */
  const loadActive = async (): Promise<void> => {
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
  };

  const service = {
    /** The active definitions, reloaded through the change channel. */
    snapshot: { kind: 'segments', reload: loadActive } satisfies Snapshot,

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

    /** One segment, with its members and where its latest re-evaluation stands. */
    async get(name: string) {
      const row = await findRow(name);
      const [sizes, reevaluation] = await Promise.all([
        service.sizes(),
        getService(strapi, 'jobRunner').latest('segment', name),
      ]);
      return { ...present(row), members: sizes[name] ?? 0, reevaluation };
    },

    /** The re-evaluation job's work (registered on the job runner at boot). */
    reevaluationJob: reevaluate,

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
      await getService(strapi, 'changeChannel').changed('segments');
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
