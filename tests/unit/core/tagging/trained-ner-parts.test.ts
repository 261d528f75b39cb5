import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  applyCalibration,
  calibrationTable,
  casing,
  decodeBio,
  fitIsotonic,
  isTitleCaseHeadline,
  mergeMentions,
  tokenizeSentences,
  type Mention,
} from '../../../../src/plugins/personalization/server/src/core/tagging';

const LABELS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'];

/** One probability row per token, most of the mass on the given tag. */
const rows = (tags: string[]): Float32Array => {
  const data = new Float32Array(tags.length * LABELS.length).fill(0.01);
  tags.forEach((tag, position) => {
    data[position * LABELS.length + LABELS.indexOf(tag)] = 0.92;
  });
  return data;
};

const mention = (label: string, type: string, score = 0.9, inHeadline = false): Mention => ({
  label,
  type,
  score,
  inHeadline,
});

describe('trained NER tokens and features', () => {
  it('splits sentences and CoNLL-like tokens with their places in the text', () => {
    const text =
      "Tim Cook met U.S. officials in Washington. Apple's shares rose 3.5% on Monday.\nNew line";
    const sentences = tokenizeSentences(text);
    expect(sentences.map((tokens) => tokens.map((token) => token.text))).toEqual([
      ['Tim', 'Cook', 'met', 'U.S.', 'officials', 'in', 'Washington', '.'],
      ['Apple', "'s", 'shares', 'rose', '3.5', '%', 'on', 'Monday', '.'],
      ['New', 'line'],
    ]);
    for (const token of sentences.flat()) {
      expect(text.slice(token.start, token.end)).toBe(token.text);
    }
  });

  it('does not end a sentence after a title or company abbreviation', () => {
    const sentences = tokenizeSentences('Mr. Smith joined Acme Inc. last year. He left.');
    expect(sentences).toHaveLength(2);
  });

  it('computes casing classes exactly as scripts/train-ner/features.py does', () => {
    const words = ['1996', '12-06', 'apple', 'NASA', 'Cook', '1--', '-', 'iPhone', 'Élan', 'F1'];
    const python = execFileSync(
      'python3',
      [
        '-c',
        `import sys, json; sys.path.insert(0, ${JSON.stringify(path.resolve(__dirname, '../../../../scripts/train-ner'))}); from features import casing; print(json.dumps([casing(w) for w in json.loads(sys.argv[1])]))`,
        JSON.stringify(words),
      ],
      { encoding: 'utf8' }
    );
    expect(words.map(casing)).toEqual(JSON.parse(python));
    expect(words.map(casing)).toEqual([1, 2, 3, 4, 5, 6, 7, 7, 5, 4]);
  });
});

describe('BIO decoding with repair', () => {
  it('joins B- and I- tokens and opens an entity at a stray I-', () => {
    const spans = decodeBio(
      rows(['B-PER', 'I-PER', 'O', 'I-LOC', 'I-LOC', 'B-ORG', 'I-PER']),
      LABELS,
      7
    );
    expect(spans.map(({ start, end, type }) => [start, end, type])).toEqual([
      [0, 2, 'PER'],
      [3, 5, 'LOC'],
      [5, 6, 'ORG'],
      [6, 7, 'PER'],
    ]);
    expect(spans[0].score).toBeCloseTo(0.93, 2);
  });
});

describe('mention merging within a document', () => {
  it('joins a surname to the full name and drops a legal suffix', () => {
    const merged = mergeMentions(
      [
        mention('Tim Cook', 'PER', 0.95),
        mention('Cook', 'PER', 0.7),
        mention('Apple Inc.', 'ORG', 0.9),
        mention('Apple', 'ORG', 0.8),
      ],
      true
    );
    expect(merged.map(({ label, type, mentions }) => [label, type, mentions])).toEqual([
      ['Tim Cook', 'PER', 2],
      ['Apple', 'ORG', 2],
    ]);
    expect(merged[0].score).toBe(0.95);
  });

  it('keeps one tag per entity with the type most of its mentions carry', () => {
    const merged = mergeMentions(
      [mention('Jordan', 'LOC', 0.6), mention('Jordan', 'PER', 0.9), mention('Jordan', 'PER', 0.8)],
      true
    );
    expect(merged).toEqual([{ label: 'Jordan', type: 'PER', score: 0.9, mentions: 3 }]);
  });

  it('drops names found only in a title-case headline, unless the text is only the headline', () => {
    const mentions = [
      mention('FC Lindholm Secures Promotion', 'PER', 0.8, true),
      mention('Lindholm', 'LOC', 0.9, true),
      mention('Lindholm', 'LOC', 0.85, false),
    ];
    expect(mergeMentions(mentions, true).map((entity) => entity.label)).toEqual(['Lindholm']);
    expect(mergeMentions(mentions, false)).toHaveLength(2);
  });

  it('does not let a body short form vouch for a longer headline span', () => {
    const merged = mergeMentions(
      [mention('FC Lindholm Secures', 'ORG', 0.8, true), mention('FC Lindholm', 'ORG', 0.75)],
      true
    );
    expect(merged.map((entity) => entity.label)).toEqual(['FC Lindholm']);
  });

  it('keeps every distinct name and type apart when asked to (how CoNLL gold sets count)', () => {
    const merged = mergeMentions(
      [
        mention('Salem Bitar', 'PER'),
        mention('Bitar', 'PER'),
        mention('Leicestershire', 'ORG'),
        mention('Leicestershire', 'LOC'),
      ],
      true,
      { joinShortForms: false }
    );
    expect(merged.map(({ label, type }) => `${type}:${label}`).sort()).toEqual([
      'LOC:Leicestershire',
      'ORG:Leicestershire',
      'PER:Bitar',
      'PER:Salem Bitar',
    ]);
  });

  it('recognises title-case headlines but not sentences or all-caps lines', () => {
    expect(
      isTitleCaseHeadline(['FC', 'Lindholm', 'Secures', 'Promotion', 'After', 'a', 'Late', 'Win'])
    ).toBe(true);
    expect(isTitleCaseHeadline(['Maria', 'Okafor', 'joined', 'Northwind', 'Bank', '.'])).toBe(
      false
    );
    expect(isTitleCaseHeadline(['JAPAN', 'GET', 'LUCKY', 'WIN'])).toBe(false);
    expect(isTitleCaseHeadline(['Tim', 'Cook'])).toBe(false);
    expect(isTitleCaseHeadline(['Squad', ':', 'Javier', 'Pertile', ',', 'Paolo', 'Vaccari'])).toBe(
      false
    );
  });
});

describe('confidence calibration', () => {
  it('fits a monotone map from raw scores to measured precision', () => {
    const samples = [
      ...Array.from({ length: 10 }, (_, i) => ({ score: 0.5, correct: i < 3 })),
      ...Array.from({ length: 10 }, (_, i) => ({ score: 0.7, correct: i < 8 })),
      ...Array.from({ length: 10 }, (_, i) => ({ score: 0.9, correct: i < 6 })),
      ...Array.from({ length: 10 }, (_, i) => ({ score: 0.99, correct: i < 10 })),
    ];
    const calibration = fitIsotonic(samples);
    for (let i = 1; i < calibration.calibrated.length; i += 1) {
      expect(calibration.calibrated[i]).toBeGreaterThanOrEqual(calibration.calibrated[i - 1]);
    }
    expect(applyCalibration(calibration, 0.5)).toBeCloseTo(0.3);
    // 0.7 (80 % right) and 0.9 (60 %) violate the order and are pooled: 70 %.
    expect(applyCalibration(calibration, 0.8)).toBeCloseTo(0.7);
    expect(applyCalibration(calibration, 1)).toBe(1);
    expect(applyCalibration(null, 0.42)).toBe(0.42);
  });

  it('tabulates mean confidence against precision per bucket of 0.1', () => {
    const table = calibrationTable([
      { confidence: 0.95, correct: true },
      { confidence: 0.91, correct: false },
      { confidence: 0.55, correct: true },
      { confidence: 1, correct: true },
    ]);
    expect(table).toEqual([
      { from: 0.5, to: 0.6, count: 1, meanConfidence: 0.55, precision: 1 },
      { from: 0.9, to: 1, count: 3, meanConfidence: expect.closeTo(0.9533, 3), precision: 2 / 3 },
    ]);
  });
});
