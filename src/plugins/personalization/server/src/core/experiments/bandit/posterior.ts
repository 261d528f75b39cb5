import type { ArmEvidence, Posterior } from './types';

/**
 * Beta-Bernoulli: a uniform Beta(1, 1) prior updated with the successes and failures, so
 * Beta(1 + s, 1 + n − s).
 */
export const betaPosterior = (evidence: ArmEvidence): Posterior => ({
  kind: 'beta',
  alpha: 1 + evidence.successes,
  beta: 1 + Math.max(0, evidence.n - evidence.successes),
});

/**
 * The mean under a flat prior with the variance plugged in: N(x̄, s²/n). With fewer than two
 * callers there is no variance yet, so the posterior is wide (sd 1e6) and every arm looks alike.
 */
export const normalPosterior = (evidence: ArmEvidence): Posterior => {
  if (evidence.n < 2) return { kind: 'normal', mean: 0, sd: 1e6 };
  const mean = evidence.sum / evidence.n;
  const variance = Math.max(0, (evidence.sumSquares - evidence.n * mean * mean) / (evidence.n - 1));
  // A constant metric has no spread: keep a tiny one so draws still differ between arms.
  return { kind: 'normal', mean, sd: Math.max(Math.sqrt(variance / evidence.n), 1e-9) };
};

export const posteriorOf = (kind: 'proportion' | 'mean', evidence: ArmEvidence): Posterior =>
  kind === 'proportion' ? betaPosterior(evidence) : normalPosterior(evidence);
