import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  batchRow,
  batchSentences,
  buildVocabulary,
  MAX_WORD_LENGTH,
} from '../../../../src/plugins/personalization/server/src/core/tagging';

const ROOT = path.resolve(__dirname, '../../../..');
const SENTENCES = [
  ['Tim', 'Cook', 'met', 'officials', 'in', 'Washington', 'on', 'Monday', '.'],
  ['Apple', 'rose', '.'],
  [],
  [
    'Angela',
    'Merkel',
    'visited',
    'the',
    'Siemens',
    'plant',
    'in',
    'Munich',
    'with',
    'EU',
    'staff',
    '.',
  ],
];

const VOCABULARY = buildVocabulary({
  words: ['[PAD]', '[UNK]', 'tim', 'cook', 'met', 'officials', '.'],
  chars: ['[PAD]', '[UNK]', 'T', 'i', 'm'],
});

describe('sentence batches for the trained NER model', () => {
  it('puts sentences longest first, pads with zeros and remembers where each came from', () => {
    const sentences = [['Tim', 'Cook'], [], ['Tim', 'Cook', 'met', 'officials', '.'], ['met']];
    const [batch, ...rest] = batchSentences(sentences, VOCABULARY, 8);
    expect(rest).toEqual([]);
    expect(batch.sentences).toEqual([2, 0, 3]);
    expect(batch.width).toBe(5);
    expect(Array.from(batch.lengths, Number)).toEqual([5, 2, 1]);
    expect(Array.from(batch.wordIds, Number)).toEqual([
      2, 3, 4, 5, 6, 2, 3, 0, 0, 0, 4, 0, 0, 0, 0,
    ]);
    expect(Array.from(batch.casingIds.slice(5, 10), Number)).toEqual([5, 5, 0, 0, 0]);
    expect(batch.charIds).toHaveLength(3 * 5 * MAX_WORD_LENGTH);
    // 'Tim' of the second row: T i m, then padding.
    const second = 5 * MAX_WORD_LENGTH;
    expect(Array.from(batch.charIds.slice(second, second + 4), Number)).toEqual([2, 3, 4, 0]);
  });

  it('splits long documents into batches of at most the given rows', () => {
    const sentences = [['a'], ['b', 'c'], ['d', 'e', 'f'], ['g']];
    const batches = batchSentences(sentences, VOCABULARY, 2);
    expect(batches.map((batch) => batch.sentences)).toEqual([
      [2, 1],
      [0, 3],
    ]);
    expect(batches.map((batch) => batch.width)).toEqual([3, 1]);
  });

  it('cuts a row of the output back to its own words', () => {
    const [batch] = batchSentences([['Tim'], ['Tim', 'Cook']], VOCABULARY, 8);
    const output = Float32Array.from({ length: 2 * 2 * 3 }, (_, index) => index);
    expect(Array.from(batchRow(output, batch, 0, 3))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(batchRow(output, batch, 1, 3))).toEqual([6, 7, 8]);
  });

  it('gives the bundled model the same scores for a sentence alone as inside a padded batch', () => {
    // In a tsx child process: onnxruntime-node rejects typed arrays made in jest's vm realm.
    const script = `
      import { loadSequenceTagger } from './src/plugins/personalization/server/src/core/tagging';
      const sentences = ${JSON.stringify(SENTENCES)};
      (async () => {
        const model = await loadSequenceTagger(
          { modelsDir: 'src/plugins/personalization/models', allowRemote: false },
          'ner-bilstm-conll03'
        );
        const together = await model.run.tag(sentences);
        const alone = [];
        for (const words of sentences) alone.push((await model.run.tag([words]))[0]);
        const plain = (scores) => scores.map((s) => ({
          probabilities: Array.from(s.probabilities),
          emissions: s.emissions && Array.from(s.emissions),
        }));
        console.log(JSON.stringify({ together: plain(together), alone: plain(alone) }));
      })();
    `;
    const output = execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const { together, alone } = JSON.parse(output.trim().split('\n').pop() ?? '') as Record<
      'together' | 'alone',
      { probabilities: number[]; emissions: number[] | null }[]
    >;
    SENTENCES.forEach((words, index) => {
      expect(together[index].probabilities).toHaveLength(words.length * 9);
      expect(together[index].emissions).toHaveLength(words.length * 9);
      alone[index].probabilities.forEach((value, position) => {
        expect(together[index].probabilities[position]).toBeCloseTo(value, 5);
      });
      alone[index].emissions?.forEach((value, position) => {
        expect(together[index].emissions?.[position]).toBeCloseTo(value, 4);
      });
    });
  });
});
