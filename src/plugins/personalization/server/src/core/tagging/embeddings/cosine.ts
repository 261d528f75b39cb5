/** Cosine similarity of two vectors of the same length; 0 when either is all zeros. */
export const cosineSimilarity = (a: readonly number[], b: readonly number[]): number => {
  if (a.length !== b.length) {
    throw new Error(`cannot compare vectors of ${a.length} and ${b.length} dimensions`);
  }
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i += 1) {
    dot += a[i] * b[i];
    normA += a[i] * a[i];
    normB += b[i] * b[i];
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
};

export interface Neighbour {
  key: string;
  score: number;
}

/** The k candidates most similar to `query`, best first, skipping the excluded keys. */
export const nearestNeighbours = (
  query: readonly number[],
  candidates: Iterable<{ key: string; vector: readonly number[] }>,
  k: number,
  exclude: ReadonlySet<string>
): Neighbour[] => {
  const scored: Neighbour[] = [];
  for (const candidate of candidates) {
    if (exclude.has(candidate.key) || candidate.vector.length !== query.length) {
      continue;
    }
    scored.push({
      key: candidate.key,
      score: Math.round(cosineSimilarity(query, candidate.vector) * 10000) / 10000,
    });
  }
  return scored.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key)).slice(0, k);
};
