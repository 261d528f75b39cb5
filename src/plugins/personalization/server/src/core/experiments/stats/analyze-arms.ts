import { compareArms, type ArmComparisonResult } from './compare-arms';
import { srmPValue } from './srm';

type ProportionArm = { name: string; n: number; successes: number };
type MeanArm = { name: string; n: number; sum: number; sumSquares: number };

/** What `POST /stats/analyze` takes: the first arm is the control. */
export type AnalyzeArmsInput = {
  alpha?: number;
  sequential?: { tuning: number };
  expectedWeights?: number[];
} & ({ metric: 'proportion'; arms: ProportionArm[] } | { metric: 'mean'; arms: MeanArm[] });

export interface AnalyzeArmsResult {
  comparisons: Array<{ arm: string } & ArmComparisonResult>;
  srm?: { pValue: number };
}

export const DEFAULT_ALPHA = 0.05;

/** Every non-control arm against the first arm, and the SRM check when a split is given. */
export const analyzeArms = (input: AnalyzeArmsInput): AnalyzeArmsResult => {
  const sufficient = input.arms.map((arm) =>
    'successes' in arm
      ? {
          name: arm.name,
          n: arm.n,
          successes: arm.successes,
          sum: arm.successes,
          sumSquares: arm.successes,
        }
      : { name: arm.name, n: arm.n, successes: 0, sum: arm.sum, sumSquares: arm.sumSquares }
  );
  const [control, ...treatments] = sufficient;
  const options = {
    alpha: input.alpha ?? DEFAULT_ALPHA,
    sequentialTuning: input.sequential?.tuning ?? null,
  };
  const comparisons = treatments.map((treatment) => ({
    arm: treatment.name,
    ...compareArms(input.metric, control, treatment, options),
  }));
  return input.expectedWeights
    ? {
        comparisons,
        srm: {
          pValue: srmPValue(
            sufficient.map((arm) => arm.n),
            input.expectedWeights
          ),
        },
      }
    : { comparisons };
};
