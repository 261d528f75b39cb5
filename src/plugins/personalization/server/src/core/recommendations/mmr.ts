/**
 * Maximal marginal relevance (Carbonell & Goldstein, 1998): picks, one at a time, the candidate
 * maximising λ·relevance − (1−λ)·(its highest similarity to what is already picked), so one topic
 * cannot fill the list. `relevance` should be in [0, 1]; returns positions into `candidates`.
 */
export const mmrRerank = (
  relevance: readonly number[],
  similarity: (a: number, b: number) => number,
  limit: number,
  lambda: number
): number[] => {
  const chosen: number[] = [];
  const maxSimilarity = new Float64Array(relevance.length);
  const taken = new Uint8Array(relevance.length);
  while (chosen.length < Math.min(limit, relevance.length)) {
    let best = -1;
    let bestValue = -Infinity;
    for (let candidate = 0; candidate < relevance.length; candidate += 1) {
      if (taken[candidate]) continue;
      const value = lambda * relevance[candidate] - (1 - lambda) * maxSimilarity[candidate];
      if (value > bestValue) {
        bestValue = value;
        best = candidate;
      }
    }
    taken[best] = 1;
    chosen.push(best);
    for (let candidate = 0; candidate < relevance.length; candidate += 1) {
      if (taken[candidate]) continue;
      const value = similarity(best, candidate);
      if (value > maxSimilarity[candidate]) maxSimilarity[candidate] = value;
    }
  }
  return chosen;
};
