/**
 * Answer of `GET /experiments/:name/bandit` and `POST /experiments/:name/bandit/reweight`: the
 * server builds it in services/experiments/bandits.ts and checks it with `satisfies`.
 */

import type { ExperimentStatusName } from './experiment-records';

export type BanditPosterior =
  | { kind: 'beta'; alpha: number; beta: number }
  | { kind: 'normal'; mean: number; sd: number };

export interface BanditSettingsView {
  cadenceMinutes: number;
  burnIn: number;
  floor: number;
  seed: number;
}

/** One reweight of one bandit, by arm. */
export interface BanditFigures {
  /** False while in burn-in: the weights were kept. */
  reweighted: boolean;
  weights: Record<string, number>;
  /** Probability of being best; null during burn-in. */
  probabilities: Record<string, number> | null;
  posteriors: Record<string, BanditPosterior>;
  exposures: Record<string, number>;
}

export interface BanditReport {
  experiment: string;
  status: ExperimentStatusName;
  phase: number;
  /** The primary metric's name. */
  metric: string;
  /** The global bandit (`segment: "*"`) first, then each listed segment. */
  scopes: Array<{
    segment: string;
    settings: BanditSettingsView;
    current: (BanditFigures & { reweightedAt: string }) | null;
  }>;
  /** Every reweight of every scope, oldest first. */
  reweights: Array<BanditFigures & { segment: string; phase: number; reweightedAt: string }>;
}
