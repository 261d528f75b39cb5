/**
 * Answers of `GET /experiments/:name/results` (content API with a token, and the admin route):
 * the server builds them in services/experiments/results.ts and checks them with `satisfies`.
 */

import type { ExperimentPlanRecord, ExperimentStatusName } from './experiment-records';

export type Recommendation = 'ship' | 'keep-base' | 'keep-running' | 'inconclusive';

export interface ArmSummary {
  arm: string;
  /** Callers exposed in this phase. */
  n: number;
  /** Proportion metrics: callers who converted and their rate. */
  conversions: number | null;
  rate: number | null;
  /** Mean metrics: mean and standard deviation of the per-caller value. */
  mean: number | null;
  sd: number | null;
}

export interface Interval {
  estimate: number;
  /** [lower, upper] at the plan's confidence level. */
  ci: [number, number];
}

export interface ArmComparison {
  arm: string;
  /** Treatment minus control. */
  absolute: Interval & { pValue: number };
  /** (Treatment − control) / control; CI by the delta method. */
  relative: Interval;
  /** `sequential` (always valid, used while running below the planned sample) or `fixed-horizon`. */
  method: 'sequential' | 'fixed-horizon';
  /** Pooled z (proportions) or Welch's t (means) of the fixed-horizon test. */
  testStatistic: number;
  /** Welch–Satterthwaite degrees of freedom (mean metrics only). */
  df?: number;
  /** The fixed-horizon p-value, or the always-valid one when `method` is `sequential`. */
  pValue: number;
  significant: boolean;
}

export interface MetricResult {
  name: string;
  kind: 'proportion' | 'mean';
  primary: boolean;
  arms: ArmSummary[];
  /**
   * One per variant arm, against the base arm. Empty until every arm has at least 2 callers and
   * the base arm a non-zero rate or mean (a relative lift needs one).
   */
  comparisons: ArmComparison[];
}

export interface ExperimentResults {
  experiment: {
    name: string;
    status: ExperimentStatusName;
    phase: number;
    decision: { action: 'ship' | 'keep-base'; arm: string | null; decidedAt: string } | null;
    /** `bandit`: the admin links the bandit page. */
    mode: 'ab' | 'bandit';
  };
  /** The frozen plan of this phase (null for a draft). */
  plan: ExperimentPlanRecord | null;
  exposures: {
    total: number;
    perArm: Array<{ arm: string; exposures: number; expectedShare: number; observedShare: number }>;
  };
  /** Sample ratio mismatch: Pearson χ² of observed vs planned split; warning blocks "ship". */
  srm: { pValue: number; warning: boolean };
  /** Exposures per arm and UTC day, for the cumulative chart. */
  timeline: Array<{ day: string; arm: string; exposures: number }>;
  power: {
    plannedPerArm: number | null;
    /** The smallest arm's exposures over the planned sample (1 = reached). */
    reached: number | null;
    /** At the last seven days' traffic; null when unknown or reached. */
    expectedDaysLeft: number | null;
  };
  metrics: MetricResult[];
  recommendation: { action: Recommendation; arm: string | null; reason: string };
}

/** `POST /stats/analyze`: every non-control arm against the first arm. */
export interface StatsAnalysis {
  comparisons: Array<{
    arm: string;
    absolute: Interval & { pValue: number };
    /** Null when the control's rate or mean is 0 (a relative lift is undefined). */
    relative: Interval | null;
    testStatistic: number;
    df?: number;
    pValue: number;
  }>;
  /** Present when `expectedWeights` were sent. */
  srm?: { pValue: number };
}

/** `POST /stats/sample-size`: callers per arm. */
export interface StatsSampleSize {
  perArm: number;
}
