export * from './types';
export { documentText, flattenFieldValue, stripMarkup } from './text/flatten-text';
export { contentHash } from './text/content-hash';
export { limitText } from './text/limit-text';
export { cleanEntityLabel, labelKey } from './entities/clean-label';
export { mergeEntities } from './entities/merge-entities';
export { groupBio, type TokenPrediction } from './entities/group-bio';
export {
  createMeasureExtractor,
  createOfflineNer,
  OFFLINE_MEASURES_NAME,
  OFFLINE_NER_NAME,
} from './entities/offline-ner';
export { createModelNer, MODEL_NER_NAME } from './entities/model-ner';
export { createTrainedNer, TRAINED_NER_NAME, type TrainedNerOptions } from './entities/trained-ner';
export { decodeBio, decodeBioPath, greedyPath, type DecodedSpan } from './entities/bio-decode';
export { viterbi, type CrfScores } from './entities/viterbi';
export { mergeMentions, type Mention, type MergedEntity } from './entities/merge-mentions';
export { isTitleCaseHeadline } from './entities/headline';
export { tokenizeSentences, type NerToken } from './entities/ner-tokens';
export {
  casing,
  sentenceFeatures,
  buildVocabulary,
  MAX_WORD_LENGTH,
} from './entities/ner-features';
export { batchRow, batchSentences, type SentenceBatch } from './entities/ner-batch';
export {
  applyCalibration,
  calibrationTable,
  fitIsotonic,
  type Calibration,
  type CalibrationBucket,
} from './calibration/isotonic';
export {
  DEFAULT_ENTITY_POLICY,
  ENTITY_TYPES,
  selectEntities,
  type EntityPolicy,
  type EntityType,
} from './selection/entity-policy';
export { GENERIC_TERMS } from './keywords/generic-terms';
export { CorpusStats } from './keywords/corpus-stats';
export { extractTerms } from './keywords/extract-terms';
export { rankKeywords } from './keywords/rank-keywords';
export { cosineSimilarity, nearestNeighbours, type Neighbour } from './embeddings/cosine';
export { createModelEmbedder } from './embeddings/model-embedder';
export {
  applyDecisions,
  decisionKey,
  type EditorDecision,
  type EditorDecisions,
} from './decisions/apply-decisions';
export { backoffDelay, type BackoffPolicy } from './queue/backoff';
export {
  loadFeatureExtractor,
  loadTokenClassifier,
  type ModelSource,
  type LoadedModel,
} from './models/load-pipeline';
export { ModelLoadError } from './models/model-error';
export {
  isSequenceTagger,
  loadSequenceTagger,
  type SentenceScores,
  type SequenceTagger,
} from './models/load-sequence-tagger';
export {
  analyseText,
  finishTagging,
  tagDocument,
  type TaggingModels,
  type TagDocumentResult,
  type TextAnalysis,
} from './pipeline/tag-document';
export { parseConll, conllText, type ConllDocument } from './eval/conll';
export { addCounts, entitySetCounts, scores, SCORED_TYPES } from './eval/score';
export { evaluateConll, type EvaluationResult } from './eval/evaluate';
export { loadTaggingModels, ModelsLoadError, type ModelSettings } from './models/load-models';
export { InferenceClient } from './thread/inference-client';
