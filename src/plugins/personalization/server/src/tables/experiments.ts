/**
 * Assignments (a caller's arm, kept for the experiment's whole life), exposures (the first time a
 * caller was served the experiment in a phase) and bandit reweights. Created by
 * migrations/003-experiments.ts.
 */
export const EXPERIMENT_TABLES = {
  assignments: 'personalization_experiment_assignments',
  exposures: 'personalization_experiment_exposures',
  reweights: 'personalization_bandit_reweights',
} as const;
