export interface BackoffPolicy {
  /** Delay before the second attempt, in milliseconds. */
  baseMs: number;
  /** Upper bound of any delay. */
  maxMs: number;
}

/** Exponential backoff: base, 2·base, 4·base … capped; `attempt` counts attempts already made (≥ 1). */
export const backoffDelay = (attempt: number, policy: BackoffPolicy): number =>
  Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
