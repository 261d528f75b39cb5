export {
  createLocalFlagClient,
  createRemoteFlagClient,
  evaluateWith,
  type FlagClient,
  type FlagEvaluation,
  type LocalFlagClient,
  type RemoteFlagOptions,
} from './flag-client';
export {
  CONSTRAINT_OPERATORS,
  scaleWeights,
  STICKINESS,
  toUnleashFeature,
  type LocalConstraint,
  type LocalFlag,
  type LocalVariant,
  type Stickiness,
} from './local-flag';
export { toUnleashContext } from './unleash-context';
