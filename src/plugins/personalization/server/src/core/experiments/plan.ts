import type { ExperimentArm, ExperimentPlan, MetricDefinition } from './types';

/** The fields pre-registration freezes; targeting and entry filter too (they define who is in). */
export const FROZEN_FIELDS = [
  'hypothesis',
  'contentType',
  'entryFilter',
  'arms',
  'targeting',
  'primaryMetric',
  'guardrailMetrics',
  'alpha',
  'power',
  'mde',
  'attributionWindowHours',
  'baseline',
  'mode',
] as const;
export type FrozenField = (typeof FROZEN_FIELDS)[number];

/** GrowthBook's default tuning parameter of the confidence sequences. */
export const DEFAULT_SEQUENTIAL_TUNING = 5000;

const same = (left: unknown, right: unknown): boolean =>
  JSON.stringify(left ?? null) === JSON.stringify(right ?? null);

/** The frozen fields an edit would change, in a stable order. */
export const frozenChanges = (
  current: Partial<Record<FrozenField, unknown>>,
  edit: Partial<Record<FrozenField, unknown>>
): FrozenField[] =>
  FROZEN_FIELDS.filter((field) => edit[field] !== undefined && !same(current[field], edit[field]));

export interface PlanInput {
  hypothesis: string;
  arms: ExperimentArm[];
  primaryMetric: MetricDefinition;
  guardrailMetrics: MetricDefinition[];
  alpha: number;
  power: number;
  mde: number;
  attributionWindowHours: number;
}

/** The plan as frozen at the start of a phase: shown next to every result. */
export const freezePlan = (
  input: PlanInput,
  sampleSizePerArm: number | null,
  startedAt: Date
): ExperimentPlan => ({
  hypothesis: input.hypothesis,
  arms: input.arms.map((arm) => ({ ...arm })),
  primaryMetric: input.primaryMetric,
  guardrailMetrics: input.guardrailMetrics,
  alpha: input.alpha,
  power: input.power,
  mde: input.mde,
  attributionWindowHours: input.attributionWindowHours,
  sampleSizePerArm,
  sequentialTuning: DEFAULT_SEQUENTIAL_TUNING,
  startedAt: startedAt.toISOString(),
});

/** Which state changes are allowed: draft → running → stopped → archived. */
export const TRANSITIONS = {
  start: { from: 'draft', to: 'running' },
  stop: { from: 'running', to: 'stopped' },
  archive: { from: 'stopped', to: 'archived' },
} as const;
