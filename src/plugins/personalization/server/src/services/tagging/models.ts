import type { Core } from '@strapi/strapi';
import {
  createModelEmbedder,
  createModelNer,
  createOfflineNer,
  loadFeatureExtractor,
  loadTokenClassifier,
  type TaggingModels,
} from '../../core/tagging';
import { getPluginConfig } from '../../utils/get-plugin-config';

export interface ModelStatus {
  ner: { model: string; state: 'ready' | 'error' | 'not-loaded'; error: string | null };
  embedding: {
    model: string | null;
    state: 'ready' | 'error' | 'not-loaded' | 'off';
    error: string | null;
  };
  loadErrors: number;
}

/**
 * Loads the configured extractors once and keeps them. A failed load is not cached: the next job
 * tries again, so fixing a model file heals the queue without a restart.
 */
const createTaggingModelsService = ({ strapi }: { strapi: Core.Strapi }) => {
  let loaded: TaggingModels | null = null;
  let loading: Promise<TaggingModels> | null = null;
  let lastError: { ner: string | null; embedding: string | null } = { ner: null, embedding: null };
  let loadErrors = 0;

  const load = async (): Promise<TaggingModels> => {
    const config = getPluginConfig(strapi).tagging;
    const source = { modelsDir: config.modelsDir, allowRemote: config.allowRemoteModels };
    const errors = { ner: null as string | null, embedding: null as string | null };
    const [ner, embedder] = await Promise.all([
      config.nerModel
        ? loadTokenClassifier(source, config.nerModel).then(createModelNer, (error: Error) => {
            errors.ner = error.message;
            return null;
          })
        : Promise.resolve(createOfflineNer()),
      config.embeddingModel
        ? loadFeatureExtractor(source, config.embeddingModel).then(
            createModelEmbedder,
            (error: Error) => {
              errors.embedding = error.message;
              return null;
            }
          )
        : Promise.resolve(null),
    ]);
    lastError = errors;
    if (errors.ner || errors.embedding) {
      loadErrors += 1;
      throw new Error([errors.ner, errors.embedding].filter(Boolean).join('; '));
    }
    return { entityExtractors: ner ? [ner] : [], embedder };
  };

  return {
    /** The extractors, loading them on first use; throws (naming the model path) when one cannot load. */
    async get(): Promise<TaggingModels> {
      if (loaded) {
        return loaded;
      }
      loading ??= load().finally(() => {
        loading = null;
      });
      loaded = await loading;
      return loaded;
    },

    status(): ModelStatus {
      const config = getPluginConfig(strapi).tagging;
      const state = (error: string | null) => (loaded ? 'ready' : error ? 'error' : 'not-loaded');
      return {
        ner: {
          model: config.nerModel ?? 'offline-ner (compromise + wink-nlp)',
          state: state(lastError.ner),
          error: lastError.ner,
        },
        embedding: {
          model: config.embeddingModel,
          state: config.embeddingModel ? state(lastError.embedding) : 'off',
          error: lastError.embedding,
        },
        loadErrors,
      };
    },
  };
};

export type TaggingModelsService = ReturnType<typeof createTaggingModelsService>;
export default createTaggingModelsService;
