import { z } from 'zod';
import { CONSTRAINT_OPERATORS, STICKINESS } from '../core/flags';

const flagNameSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._:-]+$/, 'use letters, digits, ".", "_", ":" and "-"');

const constraintSchema = z
  .object({
    contextName: z.string().min(1).max(100),
    operator: z.enum(CONSTRAINT_OPERATORS),
    values: z.array(z.string().max(500)).max(500).optional(),
    value: z.string().max(500).optional(),
    inverted: z.boolean().optional(),
    caseInsensitive: z.boolean().optional(),
  })
  .strict();

const variantSchema = z
  .object({
    name: z.string().min(1).max(100),
    weight: z.number().int().min(0).max(1000),
    payload: z
      .object({ type: z.enum(['string', 'json', 'number']), value: z.string().max(10_000) })
      .strict()
      .optional(),
    stickiness: z.enum(STICKINESS).optional(),
  })
  .strict();

const flagFields = {
  description: z.string().max(2000).optional(),
  enabled: z.boolean().optional(),
  rollout: z.number().int().min(0).max(100).optional(),
  stickiness: z.enum(STICKINESS).optional(),
  constraints: z.array(constraintSchema).max(50).optional(),
  variants: z
    .array(variantSchema)
    .max(20)
    .refine(
      (variants) => new Set(variants.map((variant) => variant.name)).size === variants.length,
      'variant names must be unique'
    )
    .refine(
      (variants) => variants.length === 0 || variants.some((variant) => variant.weight > 0),
      'at least one variant needs a weight above 0'
    )
    .optional(),
};

export const createFlagSchema = z.object({ name: flagNameSchema, ...flagFields }).strict();
export const updateFlagSchema = z.object(flagFields).strict();

export type CreateFlagInput = z.infer<typeof createFlagSchema>;
export type UpdateFlagInput = z.infer<typeof updateFlagSchema>;
