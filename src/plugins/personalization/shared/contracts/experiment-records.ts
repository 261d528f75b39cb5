/**
 * Experiment records as the experiments routes answer them (content API and admin), and the
 * admin's sample-size call. The server checks its answers with `satisfies`; the admin reads them.
 * Bodies are the server's zod schemas (`z.input`); records reuse the core types (type-only imports).
 */

import type { z } from 'zod';
import type {
  ExperimentArm,
  ExperimentMode,
  ExperimentPlan,
  ExperimentStatus,
  ExperimentTargeting,
  MetricDefinition,
} from '../../server/src/core/experiments/types';
import type { EntryFilter } from '../../server/src/core/rules/types';
import type {
  createExperimentSchema,
  shipExperimentSchema,
  stopExperimentSchema,
  updateExperimentSchema,
} from '../../server/src/validation/experiment-input';
import type { sampleSizeSchema } from '../../server/src/validation/stats-input';

export type ExperimentStatusName = ExperimentStatus;
/** `base` (the control, always first) or a variant key. */
export type ExperimentArmRecord = ExperimentArm;
/** `customEvent` names the custom event that counts when `custom` is among the metric's events. */
export type ExperimentMetricRecord = MetricDefinition;
export type ExperimentPlanRecord = ExperimentPlan;

export interface ExperimentRecord {
  name: string;
  hypothesis: string;
  contentType: string;
  entryFilter: EntryFilter | null;
  arms: ExperimentArmRecord[];
  targeting: ExperimentTargeting | null;
  primaryMetric: ExperimentMetricRecord;
  guardrailMetrics: ExperimentMetricRecord[] | null;
  alpha: number;
  power: number;
  mde: number;
  attributionWindowHours: number;
  baseline: BaselineRecord | null;
  status: ExperimentStatusName;
  phase: number;
  /** The current phase's frozen plan; null while a draft. */
  plan: ExperimentPlanRecord | null;
  decision: { action: 'ship' | 'keep-base'; arm: string | null; decidedAt: string } | null;
  startedAt: string | null;
  stoppedAt: string | null;
  /** `bandit` for Thompson sampling; `ab` or null (rows from before bandits) for fixed weights. */
  mode?: ExperimentMode | null;
}

/**
 * Fields frozen once an experiment starts (pre-registration): a change is refused with a 400
 * naming the field, unless it starts a new phase. Mirrors core/experiments/plan.ts (a unit test
 * keeps the two equal).
 */
export const EXPERIMENT_FROZEN_FIELDS = [
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

/** Bodies of `POST /experiments` and `PUT /experiments/:name`. */
export type CreateExperimentBody = z.input<typeof createExperimentSchema>;
export type UpdateExperimentBody = z.input<typeof updateExperimentSchema>;

/** Body of `POST /experiments/:name/stop`. */
export type StopExperimentBody = z.input<typeof stopExperimentSchema>;

/** Body of `POST /experiments/:name/ship`: stops the experiment and makes `arm` a rule's choice. */
export type ShipExperimentBody = z.input<typeof shipExperimentSchema>;

/** Answer of `POST /experiments/:name/ship`. */
export interface ShipExperimentResult {
  experiment: ExperimentRecord;
  /** The rule (and template) that now serves the arm. */
  rule: string;
}

/** Body of `POST /stats/sample-size` (mde relative to the baseline). */
export type SampleSizeBody = z.input<typeof sampleSizeSchema>;

/** The control's expected rate, or mean and sd. */
export type BaselineRecord = SampleSizeBody['baseline'];
