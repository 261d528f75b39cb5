import { createModelEmbedder } from '../embeddings/model-embedder';
import { createModelNer } from '../entities/model-ner';
import { createOfflineNer } from '../entities/offline-ner';
import type { TaggingModels } from '../pipeline/tag-document';
import { loadFeatureExtractor, loadTokenClassifier } from './load-pipeline';

export interface ModelSettings {
  modelsDir: string;
  allowRemoteModels: boolean;
  /** transformers.js token-classification model; null uses the bundled offline NER. */
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

/** Loads the configured extractors; rejects with a ModelsLoadError naming each model that failed. */
export const loadTaggingModels = async (settings: ModelSettings): Promise<TaggingModels> => {
  const source = { modelsDir: settings.modelsDir, allowRemote: settings.allowRemoteModels };
  const failures = { ner: null as string | null, embedding: null as string | null };
  const [ner, embedder] = await Promise.all([
    settings.nerModel
      ? loadTokenClassifier(source, settings.nerModel).then(createModelNer, (error: Error) => {
          failures.ner = error.message;
          return null;
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
  return { entityExtractors: ner ? [ner] : [], embedder };
};
