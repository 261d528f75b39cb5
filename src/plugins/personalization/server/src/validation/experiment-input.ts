import { z } from 'zod';
import { EVENT_NAME } from '../core/audience/events/parse-event-batch';
import { BASE_ARM, EXPERIMENT_MODES } from '../core/experiments';
import { MIN_CADENCE_MINUTES } from '../core/experiments/bandit';
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

const customEvent = z
  .string()
  .regex(EVENT_NAME, 'must be a custom event name: 1-64 characters of a-z 0-9 _ . : -')
  .optional();

/** A custom event counts by its name: `customEvent` is needed with `custom` and refused without. */
const customEventMatches = (
  metric: { customEvent?: string },
  usesCustom: boolean,
  context: z.RefinementCtx
) => {
  if (usesCustom && metric.customEvent === undefined) {
    context.addIssue({
      code: 'custom',
      path: ['customEvent'],
      message: 'a metric on custom events needs the customEvent name to count',
    });
  }
  if (!usesCustom && metric.customEvent !== undefined) {
    context.addIssue({
      code: 'custom',
      path: ['customEvent'],
      message: 'customEvent is only for metrics on custom events',
    });
  }
};

export const metricSchema = z.discriminatedUnion('kind', [
  z
    .object({
      name: metricName,
      kind: z.literal('proportion'),
      events: z
        .array(z.enum(['conversion', 'click', 'custom']))
        .min(1)
        .max(3),
      customEvent,
      entry: entryId,
    })
    .strict()
    .superRefine((metric, context) =>
      customEventMatches(metric, metric.events.includes('custom'), context)
    ),
  z
    .object({
      name: metricName,
      kind: z.literal('mean'),
      event: z.enum(['dwell', 'scroll', 'conversion', 'custom']),
      customEvent,
      aggregate: z.enum(['sum', 'max']),
      entry: entryId,
    })
    .strict()
    .superRefine((metric, context) =>
      customEventMatches(metric, metric.event === 'custom', context)
    ),
]);

const baselineSchema = z.union([
  z.object({ rate: z.number().gt(0).lt(1) }).strict(),
  z.object({ mean: z.number().finite(), sd: z.number().positive().finite() }).strict(),
]);

/** A bandit's exploration settings; each omitted one comes from the experiment's, then the defaults. */
const banditSettingsSchema = z
  .object({
    cadenceMinutes: z
      .number()
      .int()
      .min(MIN_CADENCE_MINUTES, `the cadence is at least ${MIN_CADENCE_MINUTES} minutes`)
      .max(7 * 24 * 60),
    burnIn: z.number().int().min(0).max(1_000_000),
    floor: z.number().min(0).max(0.5),
    seed: z.number().int().min(0).max(0xffff_ffff),
  })
  .partial()
  .strict();

const banditSchema = z
  .object({
    settings: banditSettingsSchema.optional(),
    /** Segments (rule-based or K-Means, by name) with a bandit of their own, first match wins. */
    segments: z
      .array(
        z
          .object({
            segment: z.string().min(1).max(100),
            settings: banditSettingsSchema.optional(),
          })
          .strict()
      )
      .max(20)
      .optional(),
  })
  .strict()
  .superRefine((bandit, context) => {
    const names = (bandit.segments ?? []).map((entry) => entry.segment);
    const repeated = names.find((name, index) => names.indexOf(name) !== index);
    if (repeated) {
      context.addIssue({
        code: 'custom',
        message: `segment "${repeated}" is listed twice`,
        path: ['segments'],
      });
    }
  });

/** Bandit settings belong to bandit mode, and every arm's floor must fit in the whole. */
const checkBandit = (
  input: { mode?: string; bandit?: z.infer<typeof banditSchema> | null; arms?: unknown[] },
  context: z.RefinementCtx,
  /** An edit without `mode` leaves the stored mode: the service checks it. */
  modeKnown = true
) => {
  if (modeKnown && input.bandit && input.mode !== 'bandit') {
    context.addIssue({
      code: 'custom',
      message: 'bandit settings need "mode": "bandit"',
      path: ['bandit'],
    });
  }
  const arms = input.arms?.length ?? 0;
  const floors = [
    input.bandit?.settings?.floor,
    ...(input.bandit?.segments ?? []).map((entry) => entry.settings?.floor),
  ];
  if (arms > 0 && floors.some((floor) => floor !== undefined && floor * arms > 1)) {
    context.addIssue({
      code: 'custom',
      message: `floor: ${arms} arms cannot each keep more than ${(1 / arms).toFixed(3)} of the traffic`,
      path: ['bandit'],
    });
  }
};

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
  /** `ab`: fixed weights; `bandit`: weights move to each arm's probability of being best. */
  mode: z.enum(EXPERIMENT_MODES).optional(),
  bandit: banditSchema.nullable().optional(),
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
    checkBandit(input, context);
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
    mode: experimentFields.mode,
    bandit: experimentFields.bandit,
    /** Changing a frozen field of a running experiment starts a new phase, analysed apart. */
    newPhase: z.boolean().optional(),
  })
  .strict()
  .superRefine((input, context) => {
    checkBandit(input, context, input.mode !== undefined);
  });

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
