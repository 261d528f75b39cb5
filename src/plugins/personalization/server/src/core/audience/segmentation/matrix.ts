import { SegmentationError } from './segmentation-error';

export type Matrix = readonly (readonly number[])[];

/**
 * Throws unless every row has the same number of values and every value is finite.
 * Returns the number of columns (0 for no rows).
 */
export const assertFiniteMatrix = (rows: Matrix): number => {
  const width = rows[0]?.length ?? 0;
  rows.forEach((row, index) => {
    if (row.length !== width) {
      throw new SegmentationError(
        'invalid-rows',
        `row ${index} has ${row.length} values but row 0 has ${width}; every row needs the same features`
      );
    }
    const column = row.findIndex((value) => !Number.isFinite(value));
    if (column !== -1) {
      throw new SegmentationError(
        'non-finite',
        `row ${index}, column ${column} is ${String(row[column])}; every value must be a finite number`
      );
    }
  });
  return width;
};

/** Renumbers labels 0, 1, 2 … in order of first appearance; returns the new labels. */
export const compactLabels = <Label>(labels: readonly Label[]): number[] => {
  const numbers = new Map<Label, number>();
  return labels.map((label) => {
    const known = numbers.get(label);
    if (known !== undefined) return known;
    numbers.set(label, numbers.size);
    return numbers.size - 1;
  });
};
