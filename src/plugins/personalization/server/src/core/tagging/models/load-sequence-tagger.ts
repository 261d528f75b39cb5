import fs from 'node:fs';
import path from 'node:path';
import type { Calibration } from '../calibration/isotonic';
import { batchRow, batchSentences } from '../entities/ner-batch';
import { buildVocabulary, MAX_WORD_LENGTH, sentenceFeatures } from '../entities/ner-features';
import type { CrfScores } from '../entities/viterbi';
import {
  loadTransformers,
  modelVersion,
  type LoadedModel,
  type ModelSource,
} from './load-pipeline';
import { ModelLoadError } from './model-error';

/** The model's output for one sentence: `labels.length` values per word each. */
export interface SentenceScores {
  /** Softmax of the tag scores: what the confidences come from. */
  probabilities: Float32Array;
  /** The raw tag scores a CRF decodes; null when the model has no such output. */
  emissions: Float32Array | null;
}

/** Scores of a document's sentences, in order. */
export type SentenceTagger = (
  sentences: readonly (readonly string[])[]
) => Promise<SentenceScores[]>;

export interface SequenceTagger {
  tag: SentenceTagger;
  labels: string[];
  calibration: Calibration | null;
  /** Present when the model was trained with a CRF: decode with Viterbi. */
  crf: CrfScores | null;
}

interface TaggerConfig {
  personalization?: {
    kind?: unknown;
    labels?: unknown;
    calibration?: Calibration;
    crf?: CrfScores;
    inputs?: unknown;
  };
}

/** Sentences per model run: a long document is split so one run's memory stays small. */
const MAX_BATCH_SENTENCES = 64;

interface TaggerOutput {
  probabilities: { data: Float32Array };
  emissions?: { data: Float32Array };
}

const TAGGER_KIND = 'word-sequence-tagger';

/** True when the folder holds a model of this plugin's own kind (word, char and casing inputs). */
export const isSequenceTagger = (source: ModelSource, name: string): boolean => {
  try {
    const config = JSON.parse(
      fs.readFileSync(path.join(source.modelsDir, name, 'config.json'), 'utf8')
    ) as TaggerConfig;
    return config.personalization?.kind === TAGGER_KIND;
  } catch {
    return false;
  }
};

/** The tagger's config (with its labels, checked) and vocabulary, read from its folder. */
const readTaggerFiles = (folder: string) => {
  const config = JSON.parse(
    fs.readFileSync(path.join(folder, 'config.json'), 'utf8')
  ) as TaggerConfig;
  const labels = config.personalization?.labels;
  if (!Array.isArray(labels) || !labels.every((label) => typeof label === 'string')) {
    throw new Error('config.json has no personalization.labels');
  }
  const vocabulary = buildVocabulary(
    JSON.parse(fs.readFileSync(path.join(folder, 'vocabulary.json'), 'utf8')) as {
      words: string[];
      chars: string[];
    }
  );
  return { config, labels: labels as string[], vocabulary };
};

/**
 * Loads a tagger trained by scripts/train-ner through transformers.js' model API (its ONNX
 * runtime); the pre-processing is ours, since the model reads words, characters and casing
 * rather than sub-word ids. A document's sentences go in padded batches when the model takes
 * their lengths (its LSTM then ignores the padding), else one sentence per run.
 */
export const loadSequenceTagger = async (
  source: ModelSource,
  name: string
): Promise<LoadedModel<SequenceTagger>> => {
  const folder = path.join(source.modelsDir, name);
  try {
    const { config, labels, vocabulary } = readTaggerFiles(folder);
    const transformers = await loadTransformers(source);
    // The base class directly: AutoModel would end up there too for a model_type it does not
    // know, but only after logging "Unknown model class" on every load.
    const model = await transformers.PreTrainedModel.from_pretrained(name, { dtype: 'q8' });
    const tensor = (data: BigInt64Array, dims: number[]) =>
      new transformers.Tensor('int64', data, dims);
    const width = labels.length;
    const empty = (): SentenceScores => ({
      probabilities: new Float32Array(0),
      emissions: new Float32Array(0),
    });
    // Models exported with a `lengths` input take a padded batch; older ones one sentence a run.
    const batched = Array.isArray(config.personalization?.inputs)
      ? config.personalization.inputs.includes('lengths')
      : false;
    const tagBatched: SentenceTagger = async (sentences) => {
      const scores = sentences.map(empty);
      for (const batch of batchSentences(sentences, vocabulary, MAX_BATCH_SENTENCES)) {
        const rows = batch.sentences.length;
        const output = (await model({
          word_ids: tensor(batch.wordIds, [rows, batch.width]),
          char_ids: tensor(batch.charIds, [rows, batch.width, MAX_WORD_LENGTH]),
          casing_ids: tensor(batch.casingIds, [rows, batch.width]),
          lengths: tensor(batch.lengths, [rows]),
        })) as TaggerOutput;
        batch.sentences.forEach((sentence, row) => {
          scores[sentence] = {
            probabilities: batchRow(output.probabilities.data, batch, row, width),
            emissions: output.emissions ? batchRow(output.emissions.data, batch, row, width) : null,
          };
        });
      }
      return scores;
    };
    const tagOneByOne: SentenceTagger = async (sentences) => {
      const scores: SentenceScores[] = [];
      for (const words of sentences) {
        if (words.length === 0) {
          scores.push(empty());
          continue;
        }
        const features = sentenceFeatures(words, vocabulary);
        const output = (await model({
          word_ids: tensor(features.wordIds, [1, words.length]),
          char_ids: tensor(features.charIds, [1, words.length, MAX_WORD_LENGTH]),
          casing_ids: tensor(features.casingIds, [1, words.length]),
        })) as TaggerOutput;
        scores.push({
          probabilities: output.probabilities.data,
          emissions: output.emissions?.data ?? null,
        });
      }
      return scores;
    };
    const tag = batched ? tagBatched : tagOneByOne;
    return {
      name,
      version: modelVersion(source, name),
      run: {
        tag,
        labels,
        calibration: config.personalization?.calibration ?? null,
        crf: config.personalization?.crf ?? null,
      },
    };
  } catch (error) {
    throw new ModelLoadError(name, folder, error);
  }
};
