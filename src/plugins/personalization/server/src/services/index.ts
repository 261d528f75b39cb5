import audience from './audience/audience';
import bootLock from './boot-lock';
import audienceEvents from './audience/events';
import audienceCallers from './audience/callers';
import audienceIdentity from './audience/identity';
import clustering from './audience/clustering';
import consents from './audience/consents';
import erasure from './audience/erasure';
import eventsRateLimit from './audience/rate-limit';
import profiles from './audience/profiles';
import retention from './audience/retention';
import segments from './audience/segments';
import stitching from './audience/stitching';
import cache from './cache';
import changeChannel from './change-channel';
import contentRevisions from './content-revisions';
import decisions from './decisions';
import delivery from './delivery';
import bandits from './experiments/bandits';
import experimentAssignments from './experiments/assignments';
import experimentResults from './experiments/results';
import experiments from './experiments/experiments';
import experimentShipping from './experiments/shipping';
import flags from './flags';
import health from './health';
import jobRunner from './job-runner';
import mergeFields from './merge-fields';
import metrics from './metrics';
import optIns from './opt-ins';
import preview from './preview';
import audit from './privacy/audit';
import privacyExport from './privacy/export';
import reports from './privacy/reports';
import renderBudget from './render-budget';
import feedbackAudit from './recommendations/feedback-audit';
import recommendations from './recommendations/recommendations';
import responseCache from './response-cache';
import restResponseCache from './rest-response-cache';
import rules from './rules';
import scheduledJobs from './scheduled/jobs';
import shadow from './shadow/shadow';
import storedEntries from './stored-entries';
import templates from './templates';
import variantEntries from './variants/entries';
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
  audience,
  bootLock,
  audienceEvents,
  audienceCallers,
  audienceIdentity,
  clustering,
  consents,
  erasure,
  eventsRateLimit,
  profiles,
  retention,
  segments,
  stitching,
  cache,
  changeChannel,
  contentRevisions,
  decisions,
  delivery,
  bandits,
  experimentAssignments,
  experimentResults,
  experiments,
  experimentShipping,
  flags,
  health,
  jobRunner,
  mergeFields,
  metrics,
  optIns,
  preview,
  audit,
  privacyExport,
  reports,
  renderBudget,
  feedbackAudit,
  recommendations,
  responseCache,
  restResponseCache,
  rules,
  scheduledJobs,
  shadow,
  storedEntries,
  templates,
  variantEntries,
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
