/** An entity span over one sentence's tokens, with the model's probability for its type. */
export interface DecodedSpan {
  start: number;
  /** Exclusive. */
  end: number;
  type: string;
  /** Mean over the span's tokens of P(B-type) + P(I-type). */
  score: number;
}

/** The most probable tag of each token on its own (no CRF). */
export const greedyPath = (
  probabilities: ArrayLike<number>,
  width: number,
  tokens: number
): number[] => {
  const path: number[] = [];
  for (let position = 0; position < tokens; position += 1) {
    let best = 0;
    for (let index = 1; index < width; index += 1) {
      if (probabilities[position * width + index] > probabilities[position * width + best]) {
        best = index;
      }
    }
    path.push(best);
  }
  return path;
};

/**
 * Spans of a tag sequence (label indices, e.g. from Viterbi or `greedyPath`) with BIO repair: an
 * I- tag that does not continue an entity of its type starts one (as CoNLL's own scorer reads
 * it), so no span is lost to an invalid sequence. `probabilities` holds one row of
 * `labels.length` values per token: the spans' scores.
 */
export const decodeBioPath = (
  path: readonly number[],
  probabilities: ArrayLike<number>,
  labels: readonly string[]
): DecodedSpan[] => {
  const width = labels.length;
  const spans: DecodedSpan[] = [];
  let open: { start: number; type: string; scores: number[] } | null = null;
  const typeScore = (position: number, type: string): number =>
    labels.reduce(
      (sum, label, index) =>
        label.slice(2) === type ? sum + Number(probabilities[position * width + index]) : sum,
      0
    );
  const close = (end: number) => {
    if (open) {
      const mean = open.scores.reduce((sum, score) => sum + score, 0) / open.scores.length;
      spans.push({ start: open.start, end, type: open.type, score: mean });
      open = null;
    }
  };
  for (let position = 0; position < path.length; position += 1) {
    const label = labels[path[position]];
    if (label === 'O' || !/^[BI]-/.test(label)) {
      close(position);
      continue;
    }
    const type = label.slice(2);
    const current = open as { start: number; type: string; scores: number[] } | null;
    if (label.startsWith('I-') && current && current.type === type) {
      current.scores.push(typeScore(position, type));
      continue;
    }
    close(position);
    open = { start: position, type, scores: [typeScore(position, type)] };
  }
  close(path.length);
  return spans;
};

/** Greedy tag per token, then the spans with BIO repair (`decodeBioPath`). */
export const decodeBio = (
  probabilities: ArrayLike<number>,
  labels: readonly string[],
  tokens: number
): DecodedSpan[] =>
  decodeBioPath(greedyPath(probabilities, labels.length, tokens), probabilities, labels);
