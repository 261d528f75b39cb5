/**
 * Experiment records as the experiments routes answer them (content API and admin), and the
 * admin's sample-size call. The server checks its answers with `satisfies`; the admin reads them.
 */

export type ExperimentStatusName = 'draft' | 'running' | 'stopped' | 'archived';

export interface ExperimentArmRecord {
  /** `base` (the control, always first) or a variant key. */
  name: string;
  weight: number;
}

/** `customEvent` names the custom event that counts when `custom` is among the metric's events. */
export type ExperimentMetricRecord = { name: string; entry?: string; customEvent?: string } & (
  | { kind: 'proportion'; events: Array<'conversion' | 'click' | 'custom'> }
  | { kind: 'mean'; event: 'dwell' | 'scroll' | 'conversion' | 'custom'; aggregate: 'sum' | 'max' }
);

export type BaselineRecord = { rate: number } | { mean: number; sd: number };

export interface ExperimentPlanRecord {
  hypothesis: string;
  arms: ExperimentArmRecord[];
  primaryMetric: ExperimentMetricRecord;
  guardrailMetrics: ExperimentMetricRecord[];
  alpha: number;
  power: number;
  mde: number;
  attributionWindowHours: number;
  sampleSizePerArm: number | null;
  sequentialTuning: number;
  startedAt: string;
}

export interface ExperimentRecord {
  name: string;
  hypothesis: string;
  contentType: string;
  entryFilter: { documentIds?: string[]; tags?: string[] } | null;
  arms: ExperimentArmRecord[];
  targeting: { segments?: string[]; flag?: string } | null;
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
  mode?: 'ab' | 'bandit' | null;
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

/** Body of `POST /experiments/:name/stop`. */
export interface StopExperimentBody {
  decision: 'ship' | 'keep-base';
  arm?: string;
}

/** Body of `POST /experiments/:name/ship`: stops the experiment and makes `arm` a rule's choice. */
export interface ShipExperimentBody {
  arm: string;
}

/** Answer of `POST /experiments/:name/ship`. */
export interface ShipExperimentResult {
  experiment: ExperimentRecord;
  /** The rule (and template) that now serves the arm. */
  rule: string;
}

/** Body of `POST /stats/sample-size` (mde relative to the baseline). */
export interface SampleSizeBody {
  metric: 'proportion' | 'mean';
  baseline: BaselineRecord;
  mde: number;
  alpha: number;
  power: number;
}
