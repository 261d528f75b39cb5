/** Exploration settings of one bandit (the global one or a segment's). */
export interface BanditSettings {
  /** Minutes between reweights (the scheduled job skips a bandit reweighted more recently). */
  cadenceMinutes: number;
  /** No reweighting until every arm has at least this many exposures. */
  burnIn: number;
  /** Every arm keeps at least this share of new callers (0.01 = 1 %). */
  floor: number;
  /** Seed of the Monte Carlo draws, so a reweight is reproducible. */
  seed: number;
}

export const DEFAULT_BANDIT_SETTINGS: BanditSettings = {
  cadenceMinutes: 60,
  burnIn: 100,
  floor: 0.01,
  seed: 1,
};

export const MIN_CADENCE_MINUTES = 15;

/** A bandit of its own for the callers of one segment, with its own exploration settings. */
export interface SegmentBandit {
  segment: string;
  settings?: Partial<BanditSettings>;
}

/** An experiment's bandit configuration: global settings and the segments with their own bandit. */
export interface BanditConfig {
  settings?: Partial<BanditSettings>;
  segments?: SegmentBandit[];
}

/** One arm's evidence on the primary metric: its sufficient statistics. */
export interface ArmEvidence {
  arm: string;
  /** Exposed callers. */
  n: number;
  /** Proportion metrics: callers who converted. */
  successes: number;
  /** Mean metrics: Σx and Σx² of the per-caller values. */
  sum: number;
  sumSquares: number;
}

/** Beta(α, β) after a Beta(1, 1) prior; or the normal posterior of a mean under a flat prior. */
export type Posterior =
  | { kind: 'beta'; alpha: number; beta: number }
  | { kind: 'normal'; mean: number; sd: number };

/** What one reweight of one bandit decided. */
export interface BanditReweight {
  /** False while some arm has fewer exposures than the burn-in: weights were left as they were. */
  reweighted: boolean;
  /** Serving weights by arm, summing to 1. */
  weights: Record<string, number>;
  /** Probability of being best by arm (Monte Carlo); null during burn-in. */
  probabilities: Record<string, number> | null;
  posteriors: Record<string, Posterior>;
  exposures: Record<string, number>;
}

/** One bandit's stored state: what it serves now and the evidence it was computed from. */
export interface ScopeState extends BanditReweight {
  reweightedAt: string;
}

/** A bandit experiment's stored state for its current phase, by scope (global or segment). */
export interface BanditState {
  phase: number;
  scopes: Record<string, ScopeState>;
}
