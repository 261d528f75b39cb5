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
  ner: { model: string; state: ModelState; error: string | null };
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
      await track(() => client.load(settings()));
    },

    /** Runs the models over one text in the inference thread. */
    async analyse(text: string, maxChars: number): Promise<TextAnalysis> {
      return track(() => client.analyse(settings(), text, maxChars));
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
          state: state(lastError.ner),
          error: lastError.ner,
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
