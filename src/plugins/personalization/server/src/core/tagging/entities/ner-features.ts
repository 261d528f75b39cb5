/**
 * Input features of the trained NER model, as scripts/train-ner/features.py computes them at
 * training time: keep the two in step (the vocabulary ships beside the model).
 */
export const MAX_WORD_LENGTH = 20;
const PAD = 0;
const UNKNOWN = 1;

export interface NerVocabulary {
  /** Lower-cased words; the index is the row of the model's word-vector table. */
  words: ReadonlyMap<string, number>;
  chars: ReadonlyMap<string, number>;
}

export const buildVocabulary = (raw: { words: string[]; chars: string[] }): NerVocabulary => ({
  words: new Map(raw.words.map((word, index) => [word, index])),
  chars: new Map(raw.chars.map((char, index) => [char, index])),
});

/** 1 numeric, 2 mainly numeric, 3 lower, 4 upper, 5 initial capital, 6 has a digit, 7 other. */
export const casing = (word: string): number => {
  const characters = Array.from(word);
  const digits = characters.filter((char) => char >= '0' && char <= '9').length;
  const cased = word.toLowerCase() !== word.toUpperCase();
  if (digits === characters.length) return 1;
  if (digits / characters.length > 0.5) return 2;
  if (cased && word === word.toLowerCase()) return 3;
  if (cased && word === word.toUpperCase()) return 4;
  const first = characters[0];
  if (first.toUpperCase() === first && first.toLowerCase() !== first) return 5;
  if (digits > 0) return 6;
  return 7;
};

export interface SentenceFeatures {
  wordIds: BigInt64Array;
  charIds: BigInt64Array;
  casingIds: BigInt64Array;
}

export const sentenceFeatures = (
  words: readonly string[],
  vocabulary: NerVocabulary
): SentenceFeatures => {
  const wordIds = new BigInt64Array(words.length);
  const charIds = new BigInt64Array(words.length * MAX_WORD_LENGTH).fill(BigInt(PAD));
  const casingIds = new BigInt64Array(words.length);
  words.forEach((word, position) => {
    wordIds[position] = BigInt(vocabulary.words.get(word.toLowerCase()) ?? UNKNOWN);
    casingIds[position] = BigInt(casing(word));
    Array.from(word)
      .slice(0, MAX_WORD_LENGTH)
      .forEach((char, offset) => {
        charIds[position * MAX_WORD_LENGTH + offset] = BigInt(
          vocabulary.chars.get(char) ?? UNKNOWN
        );
      });
  });
  return { wordIds, charIds, casingIds };
};
