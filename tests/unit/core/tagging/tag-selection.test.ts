import {
  createMeasureExtractor,
  CorpusStats,
  DEFAULT_ENTITY_POLICY,
  extractTerms,
  finishTagging,
  selectEntities,
  type EntityPolicy,
  type ExtractedTag,
  type TextAnalysis,
} from '../../../../src/plugins/personalization/server/src/core/tagging';

const entity = (label: string, type: ExtractedTag['type'], confidence: number): ExtractedTag => ({
  label,
  type,
  confidence,
  source: 'test',
  sourceVersion: '1',
});

const analysis = (entities: ExtractedTag[], terms: string[]): TextAnalysis => ({
  entities,
  terms,
  embedding: null,
  truncated: false,
  models: {},
});

describe('entity policy', () => {
  const entities = [
    entity('Maria Okafor', 'PER', 0.97),
    entity('Jon Berg', 'PER', 0.9),
    entity('Ada Obi', 'PER', 0.8),
    entity('Lena Park', 'PER', 0.75),
    entity('Someone Unsure', 'PER', 0.4),
    entity('Northwind Bank', 'ORG', 0.92),
    entity('last year', 'DATE', 0.95),
    entity('EUR 4 million', 'MONEY', 0.95),
    entity('12 %', 'PERCENT', 0.95),
    entity('3 km', 'QUANTITY', 0.95),
  ];

  it('keeps names above their floor, at most maxPerType per type, and no dates, money, percentages or quantities by default', () => {
    const kept = selectEntities(entities, DEFAULT_ENTITY_POLICY).map((tag) => tag.label);
    expect(kept).toEqual(['Maria Okafor', 'Northwind Bank', 'Jon Berg', 'Ada Obi']);
  });

  it('follows a configured policy: types switched on, other floors, another cap', () => {
    const policy: EntityPolicy = {
      types: { ...DEFAULT_ENTITY_POLICY.types, DATE: true, MONEY: true },
      minConfidence: { ...DEFAULT_ENTITY_POLICY.minConfidence, PER: 0.3 },
      maxPerType: 10,
    };
    const kept = selectEntities(entities, policy).map((tag) => tag.label);
    expect(kept).toEqual(
      expect.arrayContaining(['Someone Unsure', 'Lena Park', 'last year', 'EUR 4 million'])
    );
    expect(kept).not.toContain('12 %');
    expect(kept).not.toContain('3 km');
  });
});

describe('dates and amounts beside the trained model', () => {
  it('come from wink-nlp patterns, so switching their types on in the policy has tags to keep', async () => {
    const found = await createMeasureExtractor().extract(
      'Atlantic Ferries signed a EUR 40 million contract on 3 May; fares rise 12 percent.'
    );
    const types = new Set(found.map((tag) => tag.type));
    expect(types).toEqual(new Set(['MONEY', 'DATE', 'PERCENT']));
    expect(found.every((tag) => tag.source === 'offline-measures')).toBe(true);
  });
});

describe('keywords beside entities', () => {
  it('leaves out generic time and measure words, lemmatised', () => {
    const terms = extractTerms(
      'The striker scored twice in the final minutes of the season; goals came every week for years.'
    );
    expect(terms).toEqual(expect.arrayContaining(['striker', 'goal']));
    for (const generic of ['minute', 'season', 'week', 'year']) {
      expect(terms).not.toContain(generic);
    }
  });

  it('never repeats an entity or a word of its name, even an entity the policy left out', () => {
    const corpus = new CorpusStats();
    corpus.set('other', ['bank', 'weather']);
    const result = finishTagging(
      analysis(
        [entity('Maria Okafor', 'PER', 0.95), entity('Northwind Bank', 'ORG', 0.3)],
        ['okafor', 'northwind', 'bank', 'loan', 'loan', 'branch', 'lagos']
      ),
      { documentKey: 'doc', corpus, topKeywords: 5 }
    );
    const keywords = result.tags.filter((tag) => tag.type === 'KEYWORD').map((tag) => tag.label);
    expect(keywords).toEqual(expect.arrayContaining(['loan', 'branch', 'lagos']));
    expect(keywords).not.toEqual(expect.arrayContaining(['okafor']));
    expect(keywords).not.toContain('northwind');
    expect(keywords).not.toContain('bank');
    expect(result.tags.map((tag) => tag.label)).not.toContain('Northwind Bank');
  });
});
