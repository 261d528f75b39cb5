import {
  applyDecisions,
  backoffDelay,
  CorpusStats,
  cosineSimilarity,
  decisionKey,
  extractTerms,
  nearestNeighbours,
  rankKeywords,
  type ExtractedTag,
} from '../../../../src/plugins/personalization/server/src/core/tagging';

describe('corpus-aware keywords', () => {
  it('scores a term rare in the collection above a term in every document', () => {
    const corpus = new CorpusStats();
    corpus.set('a', ['match', 'goal', 'striker']);
    corpus.set('b', ['match', 'election']);
    corpus.set('c', ['match', 'inflation']);
    const ranked = rankKeywords(['match', 'match', 'striker', 'striker'], corpus, 2);
    expect(ranked.map((keyword) => keyword.term)).toEqual(['striker', 'match']);
    expect(ranked[0].score).toBe(1);
    expect(ranked[1].score).toBeLessThan(1);
  });

  it('replaces a document instead of counting it twice, and forgets removed ones', () => {
    const corpus = new CorpusStats();
    corpus.set('a', ['x']);
    corpus.set('a', ['y']);
    corpus.set('b', ['y']);
    expect(corpus.size).toBe(2);
    expect(corpus.idf('x')).toBeGreaterThan(corpus.idf('y'));
    corpus.remove('b');
    expect(corpus.idf('y')).toBe(Math.log(2 / 2) + 1);
  });

  it('keeps nouns and adjectives, lemmatised, without stop words or verbs', () => {
    const terms = extractTerms('The strikers scored three goals in the final match.');
    expect(terms).toEqual(expect.arrayContaining(['goal', 'match', 'final']));
    expect(terms).not.toContain('the');
    expect(terms).not.toContain('scored');
  });

  it('returns nothing for no terms or k = 0', () => {
    expect(rankKeywords([], new CorpusStats(), 5)).toEqual([]);
    expect(rankKeywords(['a'], new CorpusStats(), 0)).toEqual([]);
  });
});

describe('editor decisions', () => {
  const found = (label: string, type: ExtractedTag['type'] = 'LOC'): ExtractedTag => ({
    label,
    type,
    confidence: 0.7,
    source: 'offline-ner',
    sourceVersion: '1',
  });

  it('keeps rejected tags rejected, accepted accepted, and added tags even when not found again', () => {
    const decisions = {
      [decisionKey({ label: 'berlin', type: 'LOC' })]: { status: 'rejected' as const },
      [decisionKey({ label: 'Paris', type: 'LOC' })]: { status: 'accepted' as const },
      [decisionKey({ label: 'Energy', type: 'KEYWORD' })]: {
        status: 'accepted' as const,
        added: { ...found('Energy', 'KEYWORD'), source: 'editor', confidence: 1 },
      },
    };
    const tags = applyDecisions([found('Berlin'), found('Paris'), found('Rome')], decisions);
    expect(tags.map((tag) => `${tag.label}:${tag.status}`)).toEqual([
      'Berlin:rejected',
      'Paris:accepted',
      'Rome:suggested',
      'Energy:accepted',
    ]);
  });
});

describe('similarity and backoff', () => {
  it('ranks neighbours by cosine similarity and leaves out excluded keys', () => {
    expect(cosineSimilarity([1, 0], [1, 0])).toBe(1);
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(cosineSimilarity([0, 0], [1, 1])).toBe(0);
    const neighbours = nearestNeighbours(
      [1, 0],
      [
        { key: 'self', vector: [1, 0] },
        { key: 'near', vector: [0.9, 0.1] },
        { key: 'far', vector: [0, 1] },
        { key: 'other-size', vector: [1, 0, 0] },
      ],
      5,
      new Set(['self'])
    );
    expect(neighbours.map((neighbour) => neighbour.key)).toEqual(['near', 'far']);
  });

  it('refuses vectors of different sizes', () => {
    expect(() => cosineSimilarity([1], [1, 2])).toThrow(/1 and 2 dimensions/);
  });

  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [10, 30000],
  ])('waits after attempt %i: %i ms', (attempt, delay) => {
    expect(backoffDelay(attempt, { baseMs: 1000, maxMs: 30000 })).toBe(delay);
  });
});
