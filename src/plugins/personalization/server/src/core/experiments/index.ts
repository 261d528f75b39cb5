export { assignArm, bucketOf } from './assign-arm';
export {
  assignmentKey,
  createExperimentsDecider,
  type ExperimentsDeciderInput,
} from './experiments-decider';
export * from './types';
