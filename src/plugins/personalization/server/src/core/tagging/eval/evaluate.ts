import { calibrationTable, type CalibrationBucket } from '../calibration/isotonic';
import { labelKey } from '../entities/clean-label';
import type { TagExtractor } from '../types';
import { conllText, parseConll } from './conll';
import {
  addCounts,
  entitySetCounts,
  scores,
  SCORED_TYPES,
  type Counts,
  type Scores,
  type ScoredType,
} from './score';

export interface DocumentResult {
  index: number;
  byType: Record<ScoredType, Scores>;
  /** Gold MISC entities, reported apart: the bundled extractors do not produce MISC. */
  miscGold: number;
  milliseconds: number;
}

export interface EvaluationResult {
  documents: DocumentResult[];
  /** Micro-averaged over all documents. */
  total: Record<ScoredType, Scores>;
  meanMillisecondsPerDocument: number;
  /** Every predicted PER/ORG/LOC entity (one per label and document): confidence, and right or not. */
  samples: { confidence: number; correct: boolean }[];
  /** Per confidence bucket: mean confidence against measured precision. */
  calibration: CalibrationBucket[];
}

const zero = (): Counts => ({ truePositives: 0, predicted: 0, gold: 0 });

/** Runs an extractor over every document of a CoNLL-2003 file and scores its entity sets. */
export const evaluateConll = async (
  content: string,
  extractor: TagExtractor,
  now: () => number = () => performance.now()
): Promise<EvaluationResult> => {
  // The first call loads the language models; keep that out of the per-document timings.
  await extractor.extract('Warm-up sentence in London.');
  const documents: DocumentResult[] = [];
  const totals = Object.fromEntries(SCORED_TYPES.map((type) => [type, zero()])) as Record<
    ScoredType,
    Counts
  >;
  const samples: { confidence: number; correct: boolean }[] = [];
  for (const [index, document] of parseConll(content).entries()) {
    const started = now();
    const predicted = await extractor.extract(conllText(document));
    const milliseconds = now() - started;
    const byType = {} as Record<ScoredType, Scores>;
    for (const type of SCORED_TYPES) {
      const counts = entitySetCounts(document.entities, predicted, type);
      totals[type] = addCounts(totals[type], counts);
      byType[type] = scores(counts);
    }
    const seen = new Set<string>();
    for (const entity of predicted) {
      const key = `${entity.type}:${labelKey(entity.label)}`;
      if ((SCORED_TYPES as readonly string[]).includes(entity.type) && !seen.has(key)) {
        seen.add(key);
        const correct = document.entities.some(
          (gold) => gold.type === entity.type && labelKey(gold.label) === labelKey(entity.label)
        );
        samples.push({ confidence: entity.confidence, correct });
      }
    }
    const miscGold = new Set(
      document.entities.filter((entity) => entity.type === 'MISC').map((entity) => entity.label)
    ).size;
    documents.push({ index: index + 1, byType, miscGold, milliseconds });
  }
  const total = Object.fromEntries(
    SCORED_TYPES.map((type) => [type, scores(totals[type])])
  ) as Record<ScoredType, Scores>;
  const meanMillisecondsPerDocument =
    documents.length === 0
      ? 0
      : documents.reduce((sum, document) => sum + document.milliseconds, 0) / documents.length;
  return {
    documents,
    total,
    meanMillisecondsPerDocument,
    samples,
    calibration: calibrationTable(samples),
  };
};
