import fs from 'node:fs';
import path from 'node:path';
import type { TokenPrediction } from '../entities/group-bio';
import { ModelLoadError } from './model-error';

export interface ModelSource {
  /** Folder holding one sub-folder per model (config.json, tokenizer.json, onnx/model_quantized.onnx). */
  modelsDir: string;
  /** Lets transformers.js fetch a model missing locally from the Hugging Face hub; off by default. */
  allowRemote: boolean;
}

export type TokenClassifier = (text: string) => Promise<TokenPrediction[]>;
export type FeatureExtractor = (text: string) => Promise<number[]>;

export interface LoadedModel<Run> {
  name: string;
  /** From the model's config.json (`personalization.version`), else its name: stored with results. */
  version: string;
  run: Run;
}

/**
 * transformers.js is ESM-only in spirit and heavy: it is imported natively (the plugin compiles
 * with module node16, so import() stays import()) and only when a model is actually used.
 */
export const loadTransformers = async (source: ModelSource) => {
  const transformers = await import('@huggingface/transformers');
  transformers.env.allowRemoteModels = source.allowRemote;
  transformers.env.allowLocalModels = true;
  transformers.env.localModelPath = source.modelsDir.endsWith(path.sep)
    ? source.modelsDir
    : `${source.modelsDir}${path.sep}`;
  return transformers;
};

export const modelVersion = (source: ModelSource, name: string): string => {
  try {
    const config = JSON.parse(
      fs.readFileSync(path.join(source.modelsDir, name, 'config.json'), 'utf8')
    ) as { personalization?: { version?: unknown } };
    const version = config.personalization?.version;
    return typeof version === 'string' ? `${name}@${version}` : name;
  } catch {
    return name;
  }
};

/** Fails early with the path when the model folder is missing and the hub is not allowed. */
const assertPresent = (source: ModelSource, name: string): void => {
  const folder = path.join(source.modelsDir, name);
  if (!source.allowRemote && !fs.existsSync(path.join(folder, 'config.json'))) {
    throw new ModelLoadError(
      name,
      folder,
      new Error('no config.json there (remote models are not allowed)')
    );
  }
};

export const loadTokenClassifier = async (
  source: ModelSource,
  name: string
): Promise<LoadedModel<TokenClassifier>> => {
  assertPresent(source, name);
  try {
    const transformers = await loadTransformers(source);
    const classify = await transformers.pipeline('token-classification', name, { dtype: 'q8' });
    return {
      name,
      version: modelVersion(source, name),
      run: async (text) => (await classify(text)) as unknown as TokenPrediction[],
    };
  } catch (error) {
    throw new ModelLoadError(name, path.join(source.modelsDir, name), error);
  }
};

export const loadFeatureExtractor = async (
  source: ModelSource,
  name: string
): Promise<LoadedModel<FeatureExtractor>> => {
  assertPresent(source, name);
  try {
    const transformers = await loadTransformers(source);
    const extract = await transformers.pipeline('feature-extraction', name, { dtype: 'q8' });
    return {
      name,
      version: modelVersion(source, name),
      run: async (text) => {
        const output = await extract(text, { pooling: 'mean', normalize: true });
        return Array.from(output.data as Float32Array);
      },
    };
  } catch (error) {
    throw new ModelLoadError(name, path.join(source.modelsDir, name), error);
  }
};
