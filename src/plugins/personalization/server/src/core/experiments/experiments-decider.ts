import { matchesEntryFilter } from '../rules/entry-filter';
import type { Decider, DecisionEntry } from '../rules/rules-decider';
import type { Decision } from '../rules/types';
import { assignArm } from './assign-arm';
import { banditScopeOf } from './bandit/scope';
import { BASE_ARM, type ExperimentArm, type RunningExperiment } from './types';

/** The key of a caller's assignment in one experiment's phase. */
export const assignmentKey = (experiment: string, phase: number): string =>
  `${experiment}@${phase}`;

export interface ExperimentsDeciderInput {
  /** Running experiments on this content type, in the order they were started. */
  experiments: readonly RunningExperiment[];
  /** The caller's pseudonymous key (user, else visitor); null: the caller takes part in none. */
  callerKey: string | null;
  segments: readonly string[];
  flagEnabled(name: string): boolean;
  /** Arms this caller already has, by experiment id: kept whatever the weights are now. */
  assigned: ReadonlyMap<string, string>;
}

/** Whether the caller is in the experiment's audience (segments and flag). */
const targets = (experiment: RunningExperiment, input: ExperimentsDeciderInput): boolean => {
  const { segments, flag } = experiment.targeting;
  if (segments && segments.length > 0 && !segments.some((name) => input.segments.includes(name))) {
    return false;
  }
  return !flag || input.flagEnabled(flag);
};

/** An entry takes part only when it has a variant for every arm (base is always there). */
const hasEveryArm = (experiment: RunningExperiment, entry: DecisionEntry): boolean =>
  experiment.arms.every((arm) => arm.name === BASE_ARM || entry.variants.includes(arm.name));

/**
 * The weights a new caller is assigned with: a bandit's current weights for the caller's scope
 * (their first listed segment, else the global bandit), otherwise the configured ones. Only new
 * callers read them: a stored arm is kept whatever the weights become.
 */
export const assignmentArms = (
  experiment: RunningExperiment,
  segments: readonly string[]
): readonly ExperimentArm[] => {
  if (!experiment.bandit) return experiment.arms;
  const scope = banditScopeOf(experiment.bandit.config, segments);
  return experiment.bandit.weights[scope] ?? experiment.arms;
};

/**
 * Experiments come first in the decision order: a running experiment that covers the entry and
 * targets the caller answers with the caller's arm, sticky per caller and phase, and outranks the
 * rules. Never cached: the arm depends on the caller's stored assignment.
 */
export const createExperimentsDecider = (input: ExperimentsDeciderInput): Decider => ({
  name: 'experiments',
  cacheable: false,
  decide(entry): Decision | undefined {
    if (input.callerKey === null) return undefined;
    for (const experiment of input.experiments) {
      if (!matchesEntryFilter(experiment.entryFilter, entry)) continue;
      if (!hasEveryArm(experiment, entry) || !targets(experiment, input)) continue;
      const arm =
        input.assigned.get(experiment.id) ??
        assignArm(experiment.id, input.callerKey, assignmentArms(experiment, input.segments));
      const variant = arm === BASE_ARM ? null : arm;
      return {
        variant,
        reason: 'experiment',
        rule: null,
        flag: null,
        experiment: { name: experiment.name, arm, phase: experiment.phase },
        trace: [
          {
            rule: `experiment:${experiment.name}`,
            priority: 0,
            templateVersion: null,
            outcome: 'experiment-arm',
            flag: null,
            output: arm,
            variant,
            error: null,
            durationMs: 0,
          },
        ],
      };
    }
    return undefined;
  },
});
