export { assignArm, bucketOf } from './assign-arm';
export {
  assignmentArms,
  createExperimentsDecider,
  type ExperimentsDeciderInput,
} from './experiments-decider';
export * from './types';
export {
  DEFAULT_SEQUENTIAL_TUNING,
  FROZEN_FIELDS,
  freezePlan,
  frozenChanges,
  TRANSITIONS,
  type FrozenField,
  type PlanInput,
} from './plan';
export {
  analyzeResults,
  SRM_THRESHOLD,
  type AnalysisInput,
  type ArmStatistics,
  type Comparison,
  type StatsEngine,
} from './analyze-results';
