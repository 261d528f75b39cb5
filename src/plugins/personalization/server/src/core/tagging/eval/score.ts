import { labelKey } from '../entities/clean-label';

export const SCORED_TYPES = ['PER', 'ORG', 'LOC'] as const;
export type ScoredType = (typeof SCORED_TYPES)[number];

export interface Counts {
  truePositives: number;
  predicted: number;
  gold: number;
}

export interface Scores extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

/** Precision, recall and F1 of counts; an empty side counts as perfect only when both are empty. */
export const scores = (counts: Counts): Scores => {
  const precision =
    counts.predicted === 0 ? (counts.gold === 0 ? 1 : 0) : counts.truePositives / counts.predicted;
  const recall =
    counts.gold === 0 ? (counts.predicted === 0 ? 1 : 0) : counts.truePositives / counts.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...counts, precision, recall, f1 };
};

/**
 * Entity-set counts of one document for one type: each distinct (case-insensitive) label counts
 * once, however often it is mentioned.
 */
export const entitySetCounts = (
  gold: readonly { label: string; type: string }[],
  predicted: readonly { label: string; type: string }[],
  type: string
): Counts => {
  const goldSet = new Set(
    gold.filter((entity) => entity.type === type).map((entity) => labelKey(entity.label))
  );
  const predictedSet = new Set(
    predicted.filter((entity) => entity.type === type).map((entity) => labelKey(entity.label))
  );
  let truePositives = 0;
  for (const label of predictedSet) {
    if (goldSet.has(label)) {
      truePositives += 1;
    }
  }
  return { truePositives, predicted: predictedSet.size, gold: goldSet.size };
};

export const addCounts = (a: Counts, b: Counts): Counts => ({
  truePositives: a.truePositives + b.truePositives,
  predicted: a.predicted + b.predicted,
  gold: a.gold + b.gold,
});
