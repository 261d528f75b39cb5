import { laplaceScale, type LaplaceNoise } from './laplace';

/** One person's contribution to one cell of a count table (a segment, a segment × tag …). */
export interface Contribution {
  caller: string;
  cell: string;
}

export interface NoisyCountsInput {
  /**
   * Every cell released, fixed before looking at the data (segment definitions, content tags,
   * entries × weeks): a cell that appeared only because someone contributed to it would tell.
   */
  cells: readonly string[];
  contributions: readonly Contribution[];
  /** Most contributions kept per caller: the L1 sensitivity of the whole table. */
  maxContributions: number;
  epsilon: number;
  /** Noisy counts below this are suppressed. */
  minCount: number;
  noise: LaplaceNoise;
}

export interface NoisyCount {
  cell: string;
  /** Rounded, never negative; null when suppressed. */
  count: number | null;
  suppressed: boolean;
}

export interface NoisyCounts {
  counts: NoisyCount[];
  sensitivity: number;
  scale: number;
}

/**
 * Counts with contribution bounding: each caller keeps their first `max` contributions (in the
 * order given) to cells of the release, so adding or removing one caller changes the table by at
 * most `max` in L1.
 */
export const boundedCounts = (
  cells: readonly string[],
  contributions: readonly Contribution[],
  max: number
): Map<string, number> => {
  const counts = new Map(cells.map((cell) => [cell, 0]));
  const used = new Map<string, number>();
  for (const { caller, cell } of contributions) {
    const current = counts.get(cell);
    if (current === undefined) continue;
    const spent = used.get(caller) ?? 0;
    if (spent >= max) continue;
    used.set(caller, spent + 1);
    counts.set(cell, current + 1);
  }
  return counts;
};

/**
 * The Laplace mechanism over a count table: noise of scale Δ₁/ε on every cell, then rounding,
 * clamping at 0 and suppression below k. Those three only post-process the noisy value, so the
 * release stays ε-differentially private (suppressing on the true count would not).
 */
export const noisyCounts = (input: NoisyCountsInput): NoisyCounts => {
  const sensitivity = input.maxContributions;
  const scale = laplaceScale(sensitivity, input.epsilon);
  const exact = boundedCounts(input.cells, input.contributions, input.maxContributions);
  const counts = input.cells.map((cell) => {
    const noisy = Math.max(0, Math.round((exact.get(cell) ?? 0) + input.noise(scale)));
    const suppressed = noisy < input.minCount;
    return { cell, count: suppressed ? null : noisy, suppressed };
  });
  return { counts, sensitivity, scale };
};
