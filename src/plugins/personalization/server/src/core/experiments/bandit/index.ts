export * from './types';
export { betaPosterior, normalPosterior, posteriorOf } from './posterior';
export { probabilityBest, DEFAULT_DRAWS } from './probability-best';
export { applyFloor, normalise, reweight, type ReweightInput } from './weights';
export { banditScopeOf, banditScopes, GLOBAL_SCOPE, settingsFor } from './scope';
