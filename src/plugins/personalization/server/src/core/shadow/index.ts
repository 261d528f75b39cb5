export { candidateFlag, candidateOf, candidateRules, isShadowed, sampleRateOf } from './candidate';
export { evaluateShadow, type ShadowEvaluationInput } from './evaluate';
export * from './tally';
