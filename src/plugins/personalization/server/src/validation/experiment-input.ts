import { z } from 'zod';
import { BASE_ARM } from '../core/experiments';
import { nameSchema } from './common';

const armSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, `"${BASE_ARM}" or a variant key of the entries`),
    weight: z.number().finite().positive().max(1000),
  })
  .strict();

const armsSchema = z
  .array(armSchema)
  .min(2, 'an experiment needs the base arm and at least one variant arm')
  .max(10)
  .superRefine((arms, context) => {
    if (arms[0]?.name !== BASE_ARM) {
      context.addIssue({
        code: 'custom',
        message: `the first arm is the control and must be "${BASE_ARM}"`,
        path: [0, 'name'],
      });
    }
    const names = arms.map((arm) => arm.name);
    const repeated = names.find((name, index) => names.indexOf(name) !== index);
    if (repeated) {
      context.addIssue({ code: 'custom', message: `arm "${repeated}" is listed twice` });
    }
  });

const metricName = z.string().min(1).max(100);
const entryId = z.string().min(1).max(100).optional();

export const metricSchema = z.discriminatedUnion('kind', [
  z
    .object({
      name: metricName,
      kind: z.literal('proportion'),
      events: z
        .array(z.enum(['conversion', 'click']))
        .min(1)
        .max(2),
      entry: entryId,
    })
    .strict(),
  z
    .object({
      name: metricName,
      kind: z.literal('mean'),
      event: z.enum(['dwell', 'scroll', 'conversion']),
      aggregate: z.enum(['sum', 'max']),
      entry: entryId,
    })
    .strict(),
]);

const baselineSchema = z.union([
  z.object({ rate: z.number().gt(0).lt(1) }).strict(),
  z.object({ mean: z.number().finite(), sd: z.number().positive().finite() }).strict(),
]);

const experimentFields = {
  hypothesis: z.string().min(1).max(2000),
  contentType: z
    .string()
    .regex(/^api::[a-z0-9-]+\.[a-z0-9-]+$/, 'a content-type uid such as api::article.article'),
  entryFilter: z
    .object({
      documentIds: z.array(z.string().min(1).max(100)).max(1000).optional(),
      tags: z.array(z.string().min(1).max(200)).max(100).optional(),
    })
    .strict()
    .nullable()
    .optional(),
  arms: armsSchema,
  targeting: z
    .object({
      segments: z.array(z.string().min(1).max(100)).max(20).optional(),
      flag: z.string().min(1).max(200).optional(),
    })
    .strict()
    .optional(),
  primaryMetric: metricSchema,
  guardrailMetrics: z.array(metricSchema).max(5).optional(),
  alpha: z.number().gt(0).max(0.5).optional(),
  power: z.number().min(0.5).max(0.99).optional(),
  mde: z.number().gt(0).max(10).optional(),
  attributionWindowHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .optional(),
  /** The control's expected rate or mean and sd, for the sample size frozen at start. */
  baseline: baselineSchema.nullable().optional(),
};

export const createExperimentSchema = z
  .object({ name: nameSchema, ...experimentFields })
  .strict()
  .superRefine((input, context) => {
    const kind = input.primaryMetric.kind;
    if (input.baseline && 'rate' in input.baseline !== (kind === 'proportion')) {
      context.addIssue({
        code: 'custom',
        message: `a ${kind} metric takes ${kind === 'proportion' ? '{ rate }' : '{ mean, sd }'} as baseline`,
        path: ['baseline'],
      });
    }
  });

export const updateExperimentSchema = z
  .object({
    hypothesis: experimentFields.hypothesis.optional(),
    contentType: experimentFields.contentType.optional(),
    entryFilter: experimentFields.entryFilter,
    arms: armsSchema.optional(),
    targeting: experimentFields.targeting,
    primaryMetric: metricSchema.optional(),
    guardrailMetrics: experimentFields.guardrailMetrics,
    alpha: experimentFields.alpha,
    power: experimentFields.power,
    mde: experimentFields.mde,
    attributionWindowHours: experimentFields.attributionWindowHours,
    baseline: experimentFields.baseline,
    /** Changing a frozen field of a running experiment starts a new phase, analysed apart. */
    newPhase: z.boolean().optional(),
  })
  .strict();

export const stopExperimentSchema = z
  .object({
    decision: z.enum(['ship', 'keep-base']),
    /** The arm to ship (a variant arm); required with `ship`. */
    arm: z.string().min(1).max(64).optional(),
    /** Ship despite a sample-ratio-mismatch warning. */
    overrideSrm: z.boolean().optional(),
  })
  .strict();

/** `ship`: stop and make the arm a rule's choice (a variant arm; SRM warnings are not overridden). */
export const shipExperimentSchema = z.object({ arm: z.string().min(1).max(64) }).strict();

export type CreateExperimentInput = z.infer<typeof createExperimentSchema>;
export type UpdateExperimentInput = z.infer<typeof updateExperimentSchema>;
export type StopExperimentInput = z.infer<typeof stopExperimentSchema>;

/** start and archive take no options: any key is a mistake worth telling. */
export const emptyBodySchema = z.object({}).strict();
