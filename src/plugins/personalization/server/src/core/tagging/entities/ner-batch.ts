import { MAX_WORD_LENGTH, sentenceFeatures, type NerVocabulary } from './ner-features';

/** Several sentences in one model run: padded to the longest, longest first. */
export interface SentenceBatch {
  /** Index of each row's sentence in the caller's list. */
  sentences: number[];
  /** Words of the longest sentence: the padded length of every row. */
  width: number;
  lengths: BigInt64Array;
  wordIds: BigInt64Array;
  charIds: BigInt64Array;
  casingIds: BigInt64Array;
}

/**
 * Groups a document's non-empty sentences into batches of at most `maxRows`, longest first (the
 * order ONNX's LSTM needs for its sequence lengths), so similar lengths share a batch and little
 * time goes into padding. Padding is zeros, the ids the model was trained to ignore.
 */
export const batchSentences = (
  sentences: readonly (readonly string[])[],
  vocabulary: NerVocabulary,
  maxRows: number
): SentenceBatch[] => {
  const order = sentences
    .map((words, index) => ({ index, length: words.length }))
    .filter((sentence) => sentence.length > 0)
    .sort((a, b) => b.length - a.length || a.index - b.index);
  const batches: SentenceBatch[] = [];
  for (let first = 0; first < order.length; first += maxRows) {
    const rows = order.slice(first, first + maxRows);
    const width = rows[0].length;
    const batch: SentenceBatch = {
      sentences: rows.map((row) => row.index),
      width,
      lengths: BigInt64Array.from(rows.map((row) => BigInt(row.length))),
      wordIds: new BigInt64Array(rows.length * width),
      charIds: new BigInt64Array(rows.length * width * MAX_WORD_LENGTH),
      casingIds: new BigInt64Array(rows.length * width),
    };
    rows.forEach((row, rowIndex) => {
      const features = sentenceFeatures(sentences[row.index], vocabulary);
      batch.wordIds.set(features.wordIds, rowIndex * width);
      batch.casingIds.set(features.casingIds, rowIndex * width);
      batch.charIds.set(features.charIds, rowIndex * width * MAX_WORD_LENGTH);
    });
    batches.push(batch);
  }
  return batches;
};

/** One row of a batch output (`labels` values per word) without its padding. */
export const batchRow = (
  output: Float32Array,
  batch: SentenceBatch,
  row: number,
  labels: number
): Float32Array => {
  const start = row * batch.width * labels;
  return output.slice(start, start + Number(batch.lengths[row]) * labels);
};
