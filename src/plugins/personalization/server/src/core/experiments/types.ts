import type { EntryFilter } from '../rules/types';
import type { BanditConfig } from './bandit/types';

export const EXPERIMENT_STATUSES = ['draft', 'running', 'stopped', 'archived'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

/** The control arm: base content. Other arms are variant keys. */
export const BASE_ARM = 'base';

export interface ExperimentArm {
  /** `base`, or a variant key of the entries the experiment runs on. */
  name: string;
  /** Relative share of new callers; weights need not sum to 1. */
  weight: number;
}

export type ProportionMetric = {
  kind: 'proportion';
  /** The caller converted when they sent one of these events within the attribution window. */
  events: Array<'conversion' | 'click' | 'custom'>;
  /** With `custom` in `events`: the name of the custom event that counts. */
  customEvent?: string;
  /** Only events on this entry count (a documentId); any entry when absent. */
  entry?: string;
};

export type MeanMetric = {
  kind: 'mean';
  /** The value per exposed caller: the sum (dwell, revenue) or maximum (scroll) of event values. */
  event: 'dwell' | 'scroll' | 'conversion' | 'custom';
  /** With `event: 'custom'`: the name of the custom event whose values count. */
  customEvent?: string;
  aggregate: 'sum' | 'max';
  entry?: string;
};

export type MetricDefinition = (ProportionMetric | MeanMetric) & { name: string };

export interface ExperimentTargeting {
  /** Only callers in at least one of these segments take part. */
  segments?: string[];
  /** Only callers for whom this flag is on take part. */
  flag?: string;
}

/** What is frozen when an experiment starts: later edits need a new phase. */
export interface ExperimentPlan {
  hypothesis: string;
  arms: ExperimentArm[];
  primaryMetric: MetricDefinition;
  guardrailMetrics: MetricDefinition[];
  alpha: number;
  power: number;
  /** Minimum detectable effect, relative to the control (0.1 = +10 %). */
  mde: number;
  attributionWindowHours: number;
  /** Callers per arm for the planned power, from the baseline given at start. */
  sampleSizePerArm: number | null;
  /** The confidence sequences' tuning parameter, fixed at start (GrowthBook's default 5000). */
  sequentialTuning: number;
  startedAt: string;
}

/** An experiment as the decision path sees it (only running ones are loaded). */
export interface RunningExperiment {
  /** The record's documentId: assignments hash and are stored under it. */
  id: string;
  name: string;
  contentType: string;
  entryFilter: EntryFilter | null;
  arms: ExperimentArm[];
  targeting: ExperimentTargeting;
  /** New phases keep callers' arms (a caller never sees two arms); exposures count per phase. */
  phase: number;
  /**
   * Bandit mode: the weights new callers are assigned with, per bandit scope (a listed segment,
   * or the global one). A scope not reweighted yet serves the arms' configured weights.
   */
  bandit?: { config: BanditConfig; weights: Record<string, ExperimentArm[]> };
}

export const EXPERIMENT_MODES = ['ab', 'bandit'] as const;
export type ExperimentMode = (typeof EXPERIMENT_MODES)[number];
