import type { Core } from '@strapi/strapi';
import type { Snapshot } from '../../core/changes/change-registry';
import { errors } from '@strapi/utils';
import {
  BASE_ARM,
  freezePlan,
  frozenChanges,
  TRANSITIONS,
  type ExperimentArm,
  type RunningExperiment,
} from '../../core/experiments';
import type { ExperimentRow } from '../../records/types';
import { EXPERIMENT_UID } from '../../records/uids';
import { getService } from '../../utils/get-service';
import type {
  CreateExperimentInput,
  StopExperimentInput,
  UpdateExperimentInput,
} from '../../validation/experiment-input';

const DEFAULTS = { alpha: 0.05, power: 0.8, mde: 0.1, attributionWindowHours: 72 };

/** A bandit's serving weights per scope, from its state for the current phase. */
const banditWeights = (row: ExperimentRow): Record<string, ExperimentArm[]> => {
  const state = row.banditState?.phase === row.phase ? row.banditState : null;
  return Object.fromEntries(
    Object.entries(state?.scopes ?? {}).map(([scope, { weights }]) => [
      scope,
      row.arms.map((arm) => ({ name: arm.name, weight: weights[arm.name] ?? 0 })),
    ])
  );
};

const toRunning = (row: ExperimentRow): RunningExperiment => ({
  id: row.documentId,
  name: row.name,
  contentType: row.contentType,
  entryFilter: row.entryFilter,
  arms: row.arms,
  targeting: row.targeting ?? {},
  phase: row.phase,
  ...(row.mode === 'bandit'
    ? { bandit: { config: row.bandit ?? {}, weights: banditWeights(row) } }
    : {}),
});

/**
 * Experiment records: drafts are edited freely; starting one freezes its plan (pre-registration);
 * a running one is edited only by starting a new phase; stopping records the decision, and a
 * "ship" makes the winning arm a rule's choice. Running experiments are kept in memory for the
 * decision path and reloaded on every change here or, through Redis, on another instance.
 */
const createExperimentsService = ({ strapi }: { strapi: Core.Strapi }) => {
  let running = new Map<string, RunningExperiment[]>();
  const rows = () => strapi.db.query(EXPERIMENT_UID);

  const findRow = async (name: string): Promise<ExperimentRow> => {
    const row = (await rows().findOne({ where: { name } })) as ExperimentRow | null;
    if (!row) throw new errors.NotFoundError(`experiment "${name}" does not exist`);
    return row;
  };

  const assertStatus = (row: ExperimentRow, expected: ExperimentRow['status'], action: string) => {
    if (row.status !== expected) {
      throw new errors.ValidationError(
        `cannot ${action} experiment "${row.name}": it is ${row.status} (only a ${expected} experiment can be)`
      );
    }
  };

  const assertContentType = (contentType: string) => {
    const optIn = getService(strapi, 'optIns').get(contentType);
    if (!optIn?.variants) {
      throw new errors.ValidationError(
        `contentType "${contentType}" does not opt in to variants; experiments compare its variants`
      );
    }
  };

  const changed = async () => {
    await getService(strapi, 'changeChannel').changed('experiments');
  };

  const planOf = (row: ExperimentRow, startedAt: Date) =>
    freezePlan(
      {
        hypothesis: row.hypothesis,
        arms: row.arms,
        primaryMetric: row.primaryMetric,
        guardrailMetrics: row.guardrailMetrics ?? [],
        alpha: row.alpha,
        power: row.power,
        mde: row.mde,
        attributionWindowHours: row.attributionWindowHours,
      },
      getService(strapi, 'experimentResults').plannedSampleSize(row),
      startedAt
    );

  /** Loads the running experiments, per content type in the order they started. */
  const loadRunning = async (): Promise<void> => {
    const found = (await rows().findMany({
      where: { status: 'running' },
      orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
    })) as ExperimentRow[];
    const grouped = new Map<string, RunningExperiment[]>();
    for (const row of found) {
      grouped.set(row.contentType, [...(grouped.get(row.contentType) ?? []), toRunning(row)]);
    }
    running = grouped;
  };

  const service = {
    /** The running experiments in memory, reloaded through the change channel. */
    snapshot: { kind: 'experiments', reload: loadRunning } satisfies Snapshot,

    /** Running experiments on a content type (from memory: this is on the request path). */
    runningOn: (contentType: string): RunningExperiment[] => running.get(contentType) ?? [],

    async list(): Promise<ExperimentRow[]> {
      return (await rows().findMany({ orderBy: { name: 'asc' } })) as ExperimentRow[];
    },

    get: findRow,

    async create(input: CreateExperimentInput): Promise<ExperimentRow> {
      if (await rows().findOne({ where: { name: input.name } })) {
        throw new errors.ValidationError(`experiment "${input.name}" already exists`);
      }
      assertContentType(input.contentType);
      return (await rows().create({
        data: {
          ...DEFAULTS,
          ...input,
          entryFilter: input.entryFilter ?? null,
          targeting: input.targeting ?? {},
          guardrailMetrics: input.guardrailMetrics ?? [],
          baseline: input.baseline ?? null,
          mode: input.mode ?? 'ab',
          bandit: input.bandit ?? null,
          banditState: null,
          status: 'draft',
          phase: 1,
          plan: null,
          phases: [],
          decision: null,
        },
      })) as ExperimentRow;
    },

    /**
     * A draft changes freely. A running experiment's frozen fields change only with
     * `newPhase: true`, which freezes a new plan; its data is analysed apart from earlier phases.
     */
    async update(name: string, input: UpdateExperimentInput): Promise<ExperimentRow> {
      const row = await findRow(name);
      const { newPhase, ...edit } = input;
      if (edit.contentType) assertContentType(edit.contentType);
      if (row.status === 'stopped' || row.status === 'archived') {
        throw new errors.ValidationError(`experiment "${name}" is ${row.status}; it cannot change`);
      }
      const changes = Object.fromEntries(
        Object.entries(edit).filter(([, value]) => value !== undefined)
      );
      const mode = edit.mode ?? row.mode ?? 'ab';
      if (mode !== 'bandit' && (edit.bandit ?? (edit.mode ? null : row.bandit))) {
        throw new errors.ValidationError(`bandit: bandit settings need "mode": "bandit"`);
      }
      if (row.status === 'draft') {
        return (await rows().update({ where: { name }, data: changes })) as ExperimentRow;
      }
      const frozen = frozenChanges(row, edit);
      if (frozen.includes('contentType')) {
        throw new errors.ValidationError(
          `contentType: a running experiment cannot move to another content type; stop it and create another`
        );
      }
      if (frozen.length > 0 && !newPhase) {
        throw new errors.ValidationError(
          `${frozen[0]}: frozen since experiment "${name}" started (pre-registered); send "newPhase": true to start phase ${row.phase + 1} with the change, analysed apart`,
          { frozen }
        );
      }
      if (!newPhase) {
        // Exploration settings are not part of the plan: they change while it runs.
        if (edit.bandit === undefined) return row;
        const updated = (await rows().update({
          where: { name },
          data: { bandit: edit.bandit },
        })) as ExperimentRow;
        await changed();
        return updated;
      }
      const next = { ...row, ...changes } as ExperimentRow;
      const now = new Date();
      const updated = (await rows().update({
        where: { name },
        data: {
          ...changes,
          phase: row.phase + 1,
          plan: planOf(next, now),
          phases: [
            ...(row.phases ?? []),
            ...(row.plan ? [{ ...row.plan, phase: row.phase, endedAt: now.toISOString() }] : []),
          ],
        },
      })) as ExperimentRow;
      await changed();
      return updated;
    },

    async start(name: string): Promise<ExperimentRow> {
      const row = await findRow(name);
      assertStatus(row, TRANSITIONS.start.from, 'start');
      assertContentType(row.contentType);
      const now = new Date();
      const updated = (await rows().update({
        where: { name },
        data: {
          status: TRANSITIONS.start.to,
          plan: planOf(row, now),
          startedAt: now.toISOString(),
        },
      })) as ExperimentRow;
      await changed();
      return updated;
    },

    /**
     * Stops serving arms and records the decision. `ship` makes the arm the choice of a rule on
     * the experiment's entries (template, rule and flag named after the experiment), refused while
     * the sample ratio is off unless overridden.
     */
    async stop(name: string, input: StopExperimentInput): Promise<ExperimentRow> {
      const row = await findRow(name);
      assertStatus(row, TRANSITIONS.stop.from, 'stop');
      if (input.decision === 'ship') {
        if (
          !input.arm ||
          input.arm === BASE_ARM ||
          !row.arms.some((arm) => arm.name === input.arm)
        ) {
          throw new errors.ValidationError(
            `arm: ship names one of the variant arms (${row.arms
              .filter((arm) => arm.name !== BASE_ARM)
              .map((arm) => arm.name)
              .join(', ')})`
          );
        }
        const results = await getService(strapi, 'experimentResults').results(row);
        if (results.srm.warning && !input.overrideSrm) {
          throw new errors.ValidationError(
            `sample ratio mismatch (p = ${results.srm.pValue.toExponential(2)}): the split is not what was planned, so the results cannot be trusted; find the cause, or send "overrideSrm": true`
          );
        }
        await getService(strapi, 'experimentShipping').ship(row, input.arm);
      }
      const now = new Date().toISOString();
      const updated = (await rows().update({
        where: { name },
        data: {
          status: TRANSITIONS.stop.to,
          stoppedAt: now,
          decision: {
            action: input.decision,
            arm: input.decision === 'ship' ? input.arm : null,
            decidedAt: now,
          },
        },
      })) as ExperimentRow;
      await changed();
      return updated;
    },

    async archive(name: string): Promise<ExperimentRow> {
      const row = await findRow(name);
      assertStatus(row, TRANSITIONS.archive.from, 'archive');
      return (await rows().update({
        where: { name },
        data: { status: TRANSITIONS.archive.to },
      })) as ExperimentRow;
    },

    /** Drafts and archived experiments only: a running or stopped one still has data to read. */
    async remove(name: string): Promise<void> {
      const row = await findRow(name);
      if (row.status === 'running' || row.status === 'stopped') {
        throw new errors.ValidationError(
          `experiment "${name}" is ${row.status}; stop and archive it before deleting it`
        );
      }
      await getService(strapi, 'experimentAssignments').removeExperiment(row.documentId);
      await rows().delete({ where: { name } });
      await changed();
    },
  };
  return service;
};

export type ExperimentsService = ReturnType<typeof createExperimentsService>;
export default createExperimentsService;
