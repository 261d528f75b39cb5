import { createHash } from 'node:crypto';
import type { ExperimentArm } from './types';

/** A caller's position in [0, 1) for an experiment: uniform, deterministic, independent per salt. */
export const bucketOf = (salt: string, callerKey: string): number => {
  const digest = createHash('sha256').update(`${salt}\u0000${callerKey}`).digest();
  return digest.readUInt32BE(0) / 0x1_0000_0000;
};

/**
 * The arm for a caller who has none yet: the bucket falls into an arm's share of the summed
 * weights. Callers already assigned keep their stored arm whatever the weights become, so this is
 * only ever asked once per caller and phase.
 */
export const assignArm = (
  salt: string,
  callerKey: string,
  arms: readonly ExperimentArm[]
): string => {
  const total = arms.reduce((sum, arm) => sum + Math.max(0, arm.weight), 0);
  if (total <= 0) return arms[0].name;
  const point = bucketOf(salt, callerKey) * total;
  let cumulative = 0;
  for (const arm of arms) {
    cumulative += Math.max(0, arm.weight);
    if (point < cumulative) return arm.name;
  }
  return arms[arms.length - 1].name;
};
