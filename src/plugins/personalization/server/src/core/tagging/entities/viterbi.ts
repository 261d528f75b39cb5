/** A linear-chain CRF's scores, as scripts/train-ner writes them into config.json. */
export interface CrfScores {
  /** transitions[from][to]: the score of tag `to` following tag `from`. */
  transitions: number[][];
  /** Score of each tag opening a sentence. */
  start: number[];
  /** Score of each tag closing a sentence. */
  end: number[];
}

/**
 * The highest-scoring tag sequence (one tag index per token) under a CRF: start + Σ emissions +
 * Σ transitions + end. `emissions` holds one row of `crf.start.length` scores per token.
 */
export const viterbi = (emissions: ArrayLike<number>, crf: CrfScores, tokens: number): number[] => {
  const width = crf.start.length;
  if (tokens === 0) {
    return [];
  }
  let best = crf.start.map((score, tag) => score + Number(emissions[tag]));
  const backPointers: Int32Array[] = [];
  for (let position = 1; position < tokens; position += 1) {
    const next = new Array<number>(width);
    const from = new Int32Array(width);
    for (let tag = 0; tag < width; tag += 1) {
      let top = -Infinity;
      for (let previous = 0; previous < width; previous += 1) {
        const score = best[previous] + crf.transitions[previous][tag];
        if (score > top) {
          top = score;
          from[tag] = previous;
        }
      }
      next[tag] = top + Number(emissions[position * width + tag]);
    }
    best = next;
    backPointers.push(from);
  }
  let last = 0;
  for (let tag = 1; tag < width; tag += 1) {
    if (best[tag] + crf.end[tag] > best[last] + crf.end[last]) {
      last = tag;
    }
  }
  const path = [last];
  for (let step = backPointers.length - 1; step >= 0; step -= 1) {
    last = backPointers[step][last];
    path.push(last);
  }
  return path.reverse();
};
