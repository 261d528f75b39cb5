export { adjustedRandIndex, type ClusterLabel } from './adjusted-rand-index';
export {
  buildFeatures,
  DEVICE_CATEGORIES,
  type DeviceCategory,
  type FeatureMatrix,
  type FeatureOptions,
  type ProfileFeatureInput,
} from './build-features';
export {
  clusterProfiles,
  DEFAULT_K_RANGE,
  type ClusterOptions,
  type Clustering,
} from './cluster-profiles';
export { compareAssignments, type AssignmentComparison } from './compare-assignments';
export type { Matrix } from './matrix';
export { SegmentationError, type SegmentationErrorCode } from './segmentation-error';
export {
  DEFAULT_SILHOUETTE_SAMPLE_SIZE,
  silhouetteScore,
  type SilhouetteOptions,
} from './silhouette-score';
export { standardize, type Standardized } from './standardize';
