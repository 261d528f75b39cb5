/** Floating-point slack so that, e.g., three releases of 1/3 fit a budget of 1. */
const SLACK = 1e-9;

export interface BudgetState {
  /** Epsilon the period allows, over every report. */
  total: number;
  /** Epsilon spent by the releases inside the current period. */
  spent: number;
}

export interface BudgetDecision {
  allowed: boolean;
  /** Spent after this release when allowed, else as it stands. */
  spent: number;
  remaining: number;
}

/** Sequential composition: releases add their epsilons; a release that would exceed is refused. */
export const chargeBudget = (state: BudgetState, cost: number): BudgetDecision => {
  const after = state.spent + cost;
  if (after > state.total + SLACK) {
    return {
      allowed: false,
      spent: state.spent,
      remaining: Math.max(0, state.total - state.spent),
    };
  }
  return { allowed: true, spent: after, remaining: Math.max(0, state.total - after) };
};
