import { createModelEmbedder } from '../embeddings/model-embedder';
import { createModelNer } from '../entities/model-ner';
import {
  createMeasureExtractor,
  createOfflineNer,
  OFFLINE_NER_NAME,
} from '../entities/offline-ner';
import type { TaggingModels } from '../pipeline/tag-document';
import { createTrainedNer } from '../entities/trained-ner';
import type { TagExtractor } from '../types';
import { loadFeatureExtractor, loadTokenClassifier, type ModelSource } from './load-pipeline';
import { isSequenceTagger, loadSequenceTagger } from './load-sequence-tagger';

export interface ModelSettings {
  modelsDir: string;
  allowRemoteModels: boolean;
  /**
   * The plugin's trained tagger (a folder with kind "word-sequence-tagger" in its config.json) or a
   * transformers.js token-classification model; null uses the rule-based offline NER.
   */
  nerModel: string | null;
  /** transformers.js feature-extraction model; null stores no embeddings. */
  embeddingModel: string | null;
}

/** Error of a model load, per model, so the status endpoint can say which one is broken. */
export class ModelsLoadError extends Error {
  readonly ner: string | null;
  readonly embedding: string | null;

  constructor(ner: string | null, embedding: string | null) {
    super([ner, embedding].filter(Boolean).join('; '));
    this.name = 'ModelsLoadError';
    this.ner = ner;
    this.embedding = embedding;
  }
}

const loadNer = async (source: ModelSource, name: string): Promise<TagExtractor> =>
  isSequenceTagger(source, name)
    ? createTrainedNer(await loadSequenceTagger(source, name))
    : createModelNer(await loadTokenClassifier(source, name));

/**
 * Tries the configured NER model again for models that fell back to the offline rules (a fixed
 * model file heals tagging without a restart); the same models when it still cannot load.
 */
export const retryNer = async (
  settings: ModelSettings,
  models: TaggingModels
): Promise<TaggingModels> => {
  if (!models.nerFallback || !settings.nerModel) {
    return models;
  }
  const source = { modelsDir: settings.modelsDir, allowRemote: settings.allowRemoteModels };
  try {
    const ner = await loadNer(source, settings.nerModel);
    return { ...models, entityExtractors: [ner, createMeasureExtractor()], nerFallback: null };
  } catch (error) {
    return { ...models, nerFallback: error instanceof Error ? error.message : String(error) };
  }
};

/**
 * Loads the configured extractors. An NER model that cannot load is replaced by the rule-based
 * offline NER (saves keep being tagged; `nerFallback` says why, for a warning and the status
 * endpoint); an embedding model that cannot load rejects with a ModelsLoadError naming it.
 */
export const loadTaggingModels = async (settings: ModelSettings): Promise<TaggingModels> => {
  const source = { modelsDir: settings.modelsDir, allowRemote: settings.allowRemoteModels };
  const failures = { ner: null as string | null, embedding: null as string | null };
  let nerFallback: string | null = null;
  const [ner, embedder] = await Promise.all([
    settings.nerModel
      ? loadNer(source, settings.nerModel).catch((error: Error) => {
          nerFallback = error.message;
          return createOfflineNer();
        })
      : Promise.resolve(createOfflineNer()),
    settings.embeddingModel
      ? loadFeatureExtractor(source, settings.embeddingModel).then(
          createModelEmbedder,
          (error: Error) => {
            failures.embedding = error.message;
            return null;
          }
        )
      : Promise.resolve(null),
  ]);
  if (failures.ner || failures.embedding) {
    throw new ModelsLoadError(failures.ner, failures.embedding);
  }
  // The trained model finds names only; dates and amounts come from wink-nlp's patterns.
  const entityExtractors = ner.name === OFFLINE_NER_NAME ? [ner] : [ner, createMeasureExtractor()];
  return { entityExtractors, embedder, nerFallback };
};
