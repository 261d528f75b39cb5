/** A monotone map from a model's raw score to the precision measured at that score. */
export interface Calibration {
  /** Increasing raw scores (block means of the fit). */
  raw: number[];
  /** Measured precision at each raw score, non-decreasing. */
  calibrated: number[];
}

/**
 * Isotonic regression by pool-adjacent-violators: sort by score, merge neighbouring blocks
 * while a block's precision is below the one before it. Hand-written: it is one loop, and the
 * npm packages for it are unmaintained.
 */
export const fitIsotonic = (
  samples: readonly { score: number; correct: boolean }[]
): Calibration => {
  const sorted = [...samples].sort((a, b) => a.score - b.score);
  const blocks: { sumScore: number; sumCorrect: number; count: number }[] = [];
  for (const sample of sorted) {
    blocks.push({ sumScore: sample.score, sumCorrect: sample.correct ? 1 : 0, count: 1 });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1];
      const previous = blocks[blocks.length - 2];
      if (previous.sumCorrect / previous.count < last.sumCorrect / last.count) {
        break;
      }
      previous.sumScore += last.sumScore;
      previous.sumCorrect += last.sumCorrect;
      previous.count += last.count;
      blocks.pop();
    }
  }
  const round = (value: number) => Math.round(value * 10000) / 10000;
  return {
    raw: blocks.map((block) => round(block.sumScore / block.count)),
    calibrated: blocks.map((block) => round(block.sumCorrect / block.count)),
  };
};

/** Linear between the fitted points, flat beyond them; no calibration leaves the score as it is. */
export const applyCalibration = (calibration: Calibration | null, score: number): number => {
  if (!calibration || calibration.raw.length === 0) {
    return score;
  }
  const { raw, calibrated } = calibration;
  if (score <= raw[0]) return calibrated[0];
  if (score >= raw[raw.length - 1]) return calibrated[calibrated.length - 1];
  let high = 1;
  while (raw[high] < score) high += 1;
  const low = high - 1;
  const span = raw[high] - raw[low];
  const weight = span === 0 ? 1 : (score - raw[low]) / span;
  return calibrated[low] + weight * (calibrated[high] - calibrated[low]);
};

export interface CalibrationBucket {
  from: number;
  to: number;
  count: number;
  meanConfidence: number;
  precision: number;
}

/** Per confidence bucket of width 0.1: mean confidence against measured precision. */
export const calibrationTable = (
  samples: readonly { confidence: number; correct: boolean }[]
): CalibrationBucket[] =>
  Array.from({ length: 10 }, (_, index) => {
    const from = index / 10;
    const to = (index + 1) / 10;
    const inside = samples.filter(
      (sample) =>
        sample.confidence >= from &&
        (sample.confidence < to || (index === 9 && sample.confidence <= 1))
    );
    return {
      from,
      to,
      count: inside.length,
      meanConfidence:
        inside.length === 0 ? 0 : inside.reduce((sum, s) => sum + s.confidence, 0) / inside.length,
      precision: inside.length === 0 ? 0 : inside.filter((s) => s.correct).length / inside.length,
    };
  }).filter((bucket) => bucket.count > 0);
