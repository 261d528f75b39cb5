import { mean, standardDeviation, zScore } from './statistics';
import { assertFiniteMatrix, type Matrix } from './matrix';

export interface Standardized {
  rows: number[][];
  /** Per column, the mean subtracted. */
  means: number[];
  /** Per column, the population standard deviation divided by (0 for a constant column). */
  deviations: number[];
}

/**
 * Z-scores every column so that no feature dominates K-Means' distances by its unit alone.
 * Population standard deviation: the profiles are the whole population being segmented.
 * A constant column carries no information and becomes zeros instead of 0 / 0 = NaN.
 */
export const standardize = (rows: Matrix): Standardized => {
  const width = assertFiniteMatrix(rows);
  if (rows.length === 0) return { rows: [], means: [], deviations: [] };

  const columns = Array.from({ length: width }, (_, column) => rows.map((row) => row[column]));
  // Exact equality rather than deviation === 0: summing e.g. 0.1 three times leaves a deviation
  // of about 1e-17, which would blow rounding noise up into z-scores of ±1.
  const constant = columns.map((values) => values.every((value) => value === values[0]));
  const means = columns.map((values) => mean(values));
  const deviations = columns.map((values, column) =>
    constant[column] ? 0 : standardDeviation(values)
  );

  return {
    rows: rows.map((row) =>
      row.map((value, column) =>
        constant[column] ? 0 : zScore(value, means[column], deviations[column])
      )
    ),
    means,
    deviations,
  };
};
