export {
  analyzeArms,
  DEFAULT_ALPHA,
  type AnalyzeArmsInput,
  type AnalyzeArmsResult,
} from './analyze-arms';
export {
  compareArms,
  compareMeanMoments,
  type ArmComparisonResult,
  type CompareOptions,
} from './compare-arms';
export { alwaysValidPValue, sequentialHalfwidth, sequentialRho } from './confidence-sequence';
export { cupedAdjust, type CupedArm } from './cuped';
export { statsEngine } from './engine';
export { absoluteLift, relativeLift } from './lift';
export { armMoments, type ArmMoments, type SufficientStatistics } from './moments';
export {
  meanSampleSize,
  proportionSampleSize,
  sampleSizePerArm,
  type Baseline,
  type SampleSizeInput,
} from './sample-size';
export { pearsonChiSquare, srmPValue } from './srm';
export { pooledTwoProportionTest } from './two-proportion-test';
export { welchTTest } from './welch-t-test';
