import cache from './cache';
import contentRevisions from './content-revisions';
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
import related from './tagging/related';
import tagger from './tagging/tagger';
import tags from './tagging/tags';
import taggingModels from './tagging/models';
import taggingQueue from './tagging/queue';
import taggingStatus from './tagging/status';
import taggingStore from './tagging/store';
import taggingWorker from './tagging/worker';

const services = {
  cache,
  contentRevisions,
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
  related,
  tagger,
  tags,
  taggingModels,
  taggingQueue,
  taggingStatus,
  taggingStore,
  taggingWorker,
};

export type Services = typeof services;
export default services;
