/**
 * Document frequencies of terms over one collection, updated as documents are (re)tagged.
 * Hand-written rather than taken from a library because it must be incremental (one document
 * replaced at a time) and the libraries we looked at (natural, wink's bm25-vectorizer) fit a
 * whole corpus at once; it is a map of counts and one formula.
 */
export class CorpusStats {
  private readonly termsByDocument = new Map<string, ReadonlySet<string>>();
  private readonly documentFrequency = new Map<string, number>();

  get size(): number {
    return this.termsByDocument.size;
  }

  /** Adds or replaces one document's distinct terms. */
  set(documentKey: string, terms: Iterable<string>): void {
    this.remove(documentKey);
    const distinct = new Set(terms);
    this.termsByDocument.set(documentKey, distinct);
    for (const term of distinct) {
      this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    }
  }

  remove(documentKey: string): void {
    const previous = this.termsByDocument.get(documentKey);
    if (!previous) {
      return;
    }
    this.termsByDocument.delete(documentKey);
    for (const term of previous) {
      const count = (this.documentFrequency.get(term) ?? 1) - 1;
      if (count <= 0) {
        this.documentFrequency.delete(term);
      } else {
        this.documentFrequency.set(term, count);
      }
    }
  }

  /** Smoothed inverse document frequency (as in scikit-learn): never zero, higher for rarer terms. */
  idf(term: string): number {
    const n = this.size;
    const df = this.documentFrequency.get(term) ?? 0;
    return Math.log((1 + n) / (1 + df)) + 1;
  }
}
