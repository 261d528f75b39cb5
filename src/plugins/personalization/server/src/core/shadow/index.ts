export { candidateFlag, candidateOf, candidateRules, isShadowed, sampleRateOf } from './candidate';
export { evaluateShadow, type ShadowEvaluationInput } from './evaluate';
export * from './tally';
export { cachedDecider, type ShadowDecisionCache } from './cached-decider';
