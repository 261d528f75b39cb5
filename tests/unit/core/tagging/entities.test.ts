import {
  cleanEntityLabel,
  createOfflineNer,
  groupBio,
  mergeEntities,
  type ExtractedTag,
} from '../../../../src/plugins/personalization/server/src/core/tagging';

const tag = (label: string, type: ExtractedTag['type'], confidence = 0.7): ExtractedTag => ({
  label,
  type,
  confidence,
  source: 'test',
  sourceVersion: '1',
});

describe('entity cleanup', () => {
  it.each([
    ['Apple’s', 'Apple'],
    ["Berlin's", 'Berlin'],
    ['"Dresden,"', 'Dresden'],
    ['the European Commission.', 'European Commission'],
    ['  Tim   Cook ', 'Tim Cook'],
    ['lisbon', 'Lisbon'],
    ['NEW YORK', 'New York'],
    ['NASA', 'NASA'],
  ])('cleans %j to %j', (raw, expected) => {
    expect(cleanEntityLabel(raw)).toBe(expected);
  });

  it('merges duplicates and the short form of a name into the long form, boosting confidence', () => {
    const merged = mergeEntities([
      tag('Cook', 'PER'),
      tag('Tim Cook', 'PER'),
      tag('tim cook', 'PER'),
    ]);
    expect(merged).toEqual([
      expect.objectContaining({ label: 'Tim Cook', type: 'PER', confidence: 0.76 }),
    ]);
  });

  it('does not merge a place into a longer place or across types', () => {
    const merged = mergeEntities([
      tag('York', 'LOC'),
      tag('New York', 'LOC'),
      tag('Cook', 'ORG'),
      tag('Tim Cook', 'PER'),
    ]);
    expect(merged.map((entity) => `${entity.type}:${entity.label}`).sort()).toEqual([
      'LOC:New York',
      'LOC:York',
      'ORG:Cook',
      'PER:Tim Cook',
    ]);
  });
});

describe('offline NER (compromise + wink-nlp)', () => {
  const ner = createOfflineNer();
  const labels = async (text: string) =>
    (await ner.extract(text)).map((entity) => `${entity.type}:${entity.label}`);

  it('finds people, organisations, places, dates, money and percentages', async () => {
    const found = await labels(
      'Tim Cook met officials of Kestrel Semiconductor in Dresden, Germany on 14 March. ' +
        'Cook said the $2.8 billion plant would lift output by 12 percent, and EUR 420 million came from Saxony.'
    );
    expect(found).toEqual(
      expect.arrayContaining([
        'PER:Tim Cook',
        'ORG:Kestrel Semiconductor',
        'LOC:Dresden',
        'LOC:Germany',
        'DATE:14 March',
        'MONEY:$2.8 billion',
        'MONEY:EUR 420 million',
        'PERCENT:12 percent',
      ])
    );
    expect(found).not.toContain('PER:Cook');
  });

  it('gives every entity a confidence, its source and version', async () => {
    for (const entity of await ner.extract('Angela Merkel visited Paris on 3 May.')) {
      expect(entity.confidence).toBeGreaterThan(0);
      expect(entity.confidence).toBeLessThanOrEqual(1);
      expect(entity.source).toBe('offline-ner');
      expect(entity.sourceVersion).toMatch(/compromise/);
    }
  });

  it.each([[''], ['   '], ['12345 ... !!!']])('finds nothing in %j', async (text) => {
    expect(await ner.extract(text)).toEqual([]);
  });

  it('does not crash on non-English text', async () => {
    await expect(
      ner.extract('Der Bundestag tagte am Montag in Berlin über den Haushalt.')
    ).resolves.toEqual(expect.any(Array));
  });
});

describe('BIO grouping of token predictions', () => {
  it('joins B-/I- runs and WordPiece pieces into entities with mean scores', () => {
    expect(
      groupBio([
        { entity: 'B-PER', score: 0.9, index: 1, word: 'Ada' },
        { entity: 'I-PER', score: 0.7, index: 2, word: 'Love' },
        { entity: 'I-PER', score: 0.8, index: 3, word: '##lace' },
        { entity: 'B-LOC', score: 0.6, index: 5, word: 'Paris' },
        { entity: 'I-LOC', score: 0.6, index: 7, word: 'France' },
        { entity: 'B-XYZ', score: 0.9, index: 8, word: 'Ignored' },
      ])
    ).toEqual([
      { label: 'Ada Lovelace', type: 'PER', score: expect.closeTo(0.8, 5) },
      { label: 'Paris', type: 'LOC', score: 0.6 },
      { label: 'France', type: 'LOC', score: 0.6 },
    ]);
  });
});
