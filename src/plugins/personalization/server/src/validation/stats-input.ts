import { z } from 'zod';

/** Bodies of the analysts' pure endpoints `POST /stats/analyze` and `POST /stats/sample-size`. */

const alphaSchema = z.number().gt(0).max(0.5);
const armName = z.string().min(1).max(100);
const count = z.number().int().min(2, 'at least 2 callers per arm').max(1e12);

const proportionArm = z
  .object({ name: armName, n: count, successes: z.number().int().min(0) })
  .strict()
  .refine((arm) => arm.successes <= arm.n, {
    message: 'successes cannot exceed n',
    path: ['successes'],
  });

const meanArm = z
  .object({ name: armName, n: count, sum: z.number().finite(), sumSquares: z.number().min(0) })
  .strict()
  .refine((arm) => arm.sumSquares * arm.n >= arm.sum * arm.sum * (1 - 1e-12), {
    // Cauchy–Schwarz: n·Σx² ≥ (Σx)² for any real values.
    message: 'sumSquares is smaller than sum² / n: no real values have these sums',
    path: ['sumSquares'],
  });

const analyzeFields = {
  alpha: alphaSchema.optional(),
  sequential: z.object({ tuning: z.number().positive().finite() }).strict().optional(),
  expectedWeights: z.array(z.number().positive().finite()).optional(),
};

const withArms = <Arm extends z.ZodType<{ name: string }>>(arm: Arm) =>
  z.array(arm).min(2, 'a control arm first, then at least one treatment arm').max(20);

export const analyzeSchema = z
  .discriminatedUnion('metric', [
    z
      .object({ metric: z.literal('proportion'), arms: withArms(proportionArm), ...analyzeFields })
      .strict(),
    z.object({ metric: z.literal('mean'), arms: withArms(meanArm), ...analyzeFields }).strict(),
  ])
  .superRefine((input, context) => {
    const names = input.arms.map((arm) => arm.name);
    const repeated = names.find((name, index) => names.indexOf(name) !== index);
    if (repeated) {
      context.addIssue({
        code: 'custom',
        message: `arm "${repeated}" is listed twice`,
        path: ['arms'],
      });
    }
    if (input.expectedWeights && input.expectedWeights.length !== input.arms.length) {
      context.addIssue({
        code: 'custom',
        message: `one weight per arm (${input.arms.length}), in the order of arms`,
        path: ['expectedWeights'],
      });
    }
  });

const probability = z.number().gt(0).lt(1);

const rateBaseline = z.object({ rate: probability }).strict();
const meanBaseline = z
  .object({
    mean: z
      .number()
      .finite()
      .refine((mean) => mean !== 0, 'a relative MDE needs a non-zero baseline mean'),
    sd: z.number().positive().finite(),
  })
  .strict();

/** The baseline's shape must match the metric: `{ rate }` for a proportion, `{ mean, sd }` for a mean. */
export const sampleSizeSchema = z
  .object({
    metric: z.enum(['proportion', 'mean']),
    baseline: z.union([rateBaseline, meanBaseline]),
    mde: z.number().gt(0).max(10),
    alpha: alphaSchema,
    power: z.number().min(0.5).lt(1),
  })
  .strict()
  .superRefine((input, context) => {
    const isRate = 'rate' in input.baseline;
    if (isRate !== (input.metric === 'proportion')) {
      context.addIssue({
        code: 'custom',
        message: `a ${input.metric} metric takes ${input.metric === 'proportion' ? '{ rate }' : '{ mean, sd }'} as baseline`,
        path: ['baseline'],
      });
    } else if ('rate' in input.baseline && input.baseline.rate * (1 + input.mde) >= 1) {
      context.addIssue({
        code: 'custom',
        message: 'baseline.rate × (1 + mde) must stay below 1',
        path: ['mde'],
      });
    }
  });

export type AnalyzeInput = z.infer<typeof analyzeSchema>;
export type SampleSizeRequest = z.infer<typeof sampleSizeSchema>;
