import type { Core } from '@strapi/strapi';
import {
  InferenceClient,
  ModelsLoadError,
  type ModelSettings,
  type TextAnalysis,
} from '../../core/tagging';
import { getPluginConfig } from '../../utils/get-plugin-config';

type ModelState = 'ready' | 'error' | 'not-loaded';

export interface ModelStatus {
  /** 'fallback': the configured model could not load and the offline rules tag instead. */
  ner: { model: string; state: ModelState | 'fallback'; error: string | null };
  embedding: { model: string | null; state: ModelState | 'off'; error: string | null };
  loadErrors: number;
}

/**
 * The models live in an inference thread (CPU-bound work never blocks HTTP). A failed load is not
 * remembered as final: the next job asks again, so fixing a model file heals the queue.
 */
const createTaggingModelsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const client = new InferenceClient();
  let ready = false;
  let lastError: { ner: string | null; embedding: string | null } = { ner: null, embedding: null };
  let loadErrors = 0;
  let nerFallback: string | null = null;

  /** Warns once per new reason; tagging goes on with the offline rules. */
  const noteFallback = (reason: string | null) => {
    if (reason && reason !== nerFallback) {
      strapi.log.warn(
        `[personalization] NER model unavailable, tagging with the offline rules instead: ${reason}`
      );
    }
    nerFallback = reason;
  };

  const settings = (): ModelSettings => {
    const config = getPluginConfig(strapi).tagging;
    return {
      modelsDir: config.modelsDir,
      allowRemoteModels: config.allowRemoteModels,
      nerModel: config.nerModel,
      embeddingModel: config.embeddingModel,
    };
  };

  const track = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      const result = await work();
      ready = true;
      lastError = { ner: null, embedding: null };
      return result;
    } catch (error) {
      if (error instanceof ModelsLoadError) {
        ready = false;
        loadErrors += 1;
        lastError = { ner: error.ner, embedding: error.embedding };
      }
      throw error;
    }
  };

  return {
    /** Loads the models now (at boot); throws, naming the model path, when one cannot load. */
    async load(): Promise<void> {
      const { nerFallback: reason } = await track(() => client.load(settings()));
      noteFallback(reason);
    },

    /** Runs the models over one text in the inference thread. */
    async analyse(text: string, maxChars: number): Promise<TextAnalysis> {
      const { nerFallback: reason, ...analysis } = await track(() =>
        client.analyse(settings(), text, maxChars)
      );
      noteFallback(reason);
      return analysis;
    },

    async stop(): Promise<void> {
      await client.stop();
    },

    status(): ModelStatus {
      const { nerModel, embeddingModel } = getPluginConfig(strapi).tagging;
      const state = (error: string | null): ModelState =>
        error ? 'error' : ready ? 'ready' : 'not-loaded';
      return {
        ner: {
          model: nerModel ?? 'offline-ner (compromise + wink-nlp)',
          state: nerFallback ? 'fallback' : state(lastError.ner),
          error: nerFallback ?? lastError.ner,
        },
        embedding: {
          model: embeddingModel,
          state: embeddingModel ? state(lastError.embedding) : 'off',
          error: lastError.embedding,
        },
        loadErrors,
      };
    },
  };
};

export type TaggingModelsService = ReturnType<typeof createTaggingModelsService>;
export default createTaggingModelsService;
