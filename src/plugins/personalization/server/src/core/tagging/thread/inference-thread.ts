import { parentPort } from 'node:worker_threads';
import {
  loadTaggingModels,
  ModelsLoadError,
  retryNer,
  type ModelSettings,
} from '../models/load-models';
import { analyseText, type TaggingModels } from '../pipeline/tag-document';
import type { ThreadRequest, ThreadResponse } from './protocol';

/**
 * Entry of the inference thread: NER, keywords' terms and embeddings are CPU-bound, so they run
 * here and never block the thread that answers HTTP requests. Models load on first use and stay
 * loaded; a failed load, or an NER model replaced by the offline rules, is retried on the next
 * request.
 */
let loaded: { key: string; models: TaggingModels } | null = null;

const modelsFor = async (settings: ModelSettings): Promise<TaggingModels> => {
  const key = JSON.stringify(settings);
  if (loaded?.key !== key) {
    loaded = { key, models: await loadTaggingModels(settings) };
  } else if (loaded.models.nerFallback) {
    loaded = { key, models: await retryNer(settings, loaded.models) };
  }
  return loaded.models;
};

const handle = async (request: ThreadRequest): Promise<ThreadResponse> => {
  try {
    const models = await modelsFor(request.settings);
    if (request.kind === 'load') {
      return { id: request.id, ok: true, nerFallback: models.nerFallback ?? null };
    }
    return {
      id: request.id,
      ok: true,
      analysis: await analyseText(models, request.text, request.maxChars),
      nerFallback: models.nerFallback ?? null,
    };
  } catch (error) {
    return {
      id: request.id,
      ok: false,
      error: error instanceof Error ? error.message : String(error),
      modelLoad:
        error instanceof ModelsLoadError ? { ner: error.ner, embedding: error.embedding } : null,
    };
  }
};

parentPort?.on('message', (request: ThreadRequest) => {
  void handle(request).then((response) => parentPort?.postMessage(response));
});
