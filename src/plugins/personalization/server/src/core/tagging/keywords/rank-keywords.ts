import type { CorpusStats } from './corpus-stats';

export interface RankedKeyword {
  term: string;
  /** TF-IDF score scaled so the document's best keyword has 1. */
  score: number;
}

/**
 * Ranks a document's terms by TF-IDF against the collection and keeps the top k.
 * Ties are broken alphabetically so the result does not depend on map order.
 */
export const rankKeywords = (
  terms: readonly string[],
  corpus: CorpusStats,
  topK: number
): RankedKeyword[] => {
  if (terms.length === 0 || topK <= 0) {
    return [];
  }
  const counts = new Map<string, number>();
  for (const term of terms) {
    counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  const scored = [...counts].map(([term, count]) => ({
    term,
    raw: (count / terms.length) * corpus.idf(term),
  }));
  scored.sort((a, b) => b.raw - a.raw || a.term.localeCompare(b.term));
  const best = scored[0].raw;
  return scored
    .slice(0, topK)
    .map(({ term, raw }) => ({ term, score: Math.round((raw / best) * 1000) / 1000 }));
};
