/**
 * Offline ranking metrics with binary relevance (an item is relevant when the user engaged with it
 * in the held-out period). Each takes the ranked list and the relevant set of one user.
 */
const hitsAt = (ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number =>
  ranked.slice(0, k).filter((item) => relevant.has(item)).length;

/** Relevant items among the top k, divided by k. */
export const precisionAtK = (
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number
) => (k > 0 ? hitsAt(ranked, relevant, k) / k : 0);

/** Relevant items among the top k, divided by the number of relevant items. */
export const recallAtK = (ranked: readonly string[], relevant: ReadonlySet<string>, k: number) =>
  relevant.size > 0 ? hitsAt(ranked, relevant, k) / relevant.size : 0;

/** DCG@k (gain 1 / log2(rank + 1)) over the ideal DCG of min(k, |relevant|) hits at the top. */
export const ndcgAtK = (ranked: readonly string[], relevant: ReadonlySet<string>, k: number) => {
  let dcg = 0;
  ranked.slice(0, k).forEach((item, position) => {
    if (relevant.has(item)) dcg += 1 / Math.log2(position + 2);
  });
  let ideal = 0;
  for (let position = 0; position < Math.min(k, relevant.size); position += 1) {
    ideal += 1 / Math.log2(position + 2);
  }
  return ideal > 0 ? dcg / ideal : 0;
};

/** AP@k: the mean of precision@i at each hit i ≤ k, over min(k, |relevant|). MAP is its mean over users. */
export const averagePrecisionAtK = (
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number
) => {
  let hits = 0;
  let sum = 0;
  ranked.slice(0, k).forEach((item, position) => {
    if (!relevant.has(item)) return;
    hits += 1;
    sum += hits / (position + 1);
  });
  const denominator = Math.min(k, relevant.size);
  return denominator > 0 ? sum / denominator : 0;
};

/** Share of the catalogue recommended to at least one user. */
export const catalogueCoverage = (
  lists: ReadonlyArray<readonly string[]>,
  catalogueSize: number
) => {
  if (catalogueSize === 0) return 0;
  const seen = new Set<string>();
  for (const list of lists) for (const item of list) seen.add(item);
  return seen.size / catalogueSize;
};

/**
 * Gini coefficient of non-negative amounts (0 = everyone equal, → 1 = one takes all):
 * with x sorted ascending, G = Σ (2i − n − 1)·x_i / (n · Σ x), i = 1…n.
 * Pass every catalogue item's exposure, zeros included.
 */
export const gini = (amounts: readonly number[]): number => {
  const sorted = [...amounts].sort((a, b) => a - b);
  const n = sorted.length;
  const total = sorted.reduce((sum, value) => sum + value, 0);
  if (n === 0 || total === 0) return 0;
  let weighted = 0;
  sorted.forEach((value, index) => {
    weighted += (2 * (index + 1) - n - 1) * value;
  });
  return weighted / (n * total);
};

/** Shannon entropy in bits of a distribution given as counts. */
export const entropyBits = (counts: Iterable<number>): number => {
  const values = [...counts].filter((value) => value > 0);
  const total = values.reduce((sum, value) => sum + value, 0);
  if (total === 0) return 0;
  return values.reduce((sum, value) => sum + (value / total) * Math.log2(total / value), 0);
};

/** Share of all exposures that went to the top `fraction` of the catalogue (at least one entry). */
export const topShare = (exposures: readonly number[], catalogueSize: number, fraction = 0.1) => {
  const total = exposures.reduce((sum, value) => sum + value, 0);
  if (total === 0) return 0;
  const top = Math.max(1, Math.ceil(catalogueSize * fraction));
  const sorted = [...exposures].sort((a, b) => b - a).slice(0, top);
  return sorted.reduce((sum, value) => sum + value, 0) / total;
};
