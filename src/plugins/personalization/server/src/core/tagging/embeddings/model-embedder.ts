import type { FeatureExtractor, LoadedModel } from '../models/load-pipeline';
import type { Embedder } from '../types';

/** Sentence embedding through a transformers.js feature-extraction model, mean-pooled and normalised. */
export const createModelEmbedder = (model: LoadedModel<FeatureExtractor>): Embedder => ({
  name: model.name,
  version: model.version,
  async embed(text: string): Promise<number[]> {
    const vector = await model.run(text);
    return vector.map((value) => Math.round(value * 1e6) / 1e6);
  },
});
