import cache from './cache';
import decisions from './decisions';
import delivery from './delivery';
import flags from './flags';
import health from './health';
import mergeFields from './merge-fields';
import optIns from './opt-ins';
import preview from './preview';
import rules from './rules';
import templates from './templates';
import variantIntegrity from './variant-integrity';
import variants from './variants';

const services = {
  cache,
  decisions,
  delivery,
  flags,
  health,
  mergeFields,
  optIns,
  preview,
  rules,
  templates,
  variantIntegrity,
  variants,
};

export type Services = typeof services;
export default services;
