import health from './health';
import optIns from './opt-ins';
import related from './tagging/related';
import tagger from './tagging/tagger';
import tags from './tagging/tags';
import taggingModels from './tagging/models';
import taggingQueue from './tagging/queue';
import taggingStatus from './tagging/status';
import taggingStore from './tagging/store';
import taggingWorker from './tagging/worker';

const services = {
  health,
  optIns,
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
