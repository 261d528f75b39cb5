import { z } from 'zod';
import { RULE_STATUSES } from '../core/rules';
import { nameSchema, parameterValueSchema } from './common';

const entryFilterSchema = z
  .object({
    documentIds: z.array(z.string().min(1).max(100)).max(1000).optional(),
    tags: z.array(z.string().min(1).max(200)).max(100).optional(),
  })
  .strict();

/** A rule's shadow settings (docs/templates.md, "Shadow rules"). */
const shadowSchema = z
  .object({
    templateVersion: z.number().int().positive().nullable().optional(),
    sampleRate: z.number().min(0).max(1).optional(),
  })
  .strict();

const ruleFields = {
  description: z.string().max(2000).optional(),
  contentType: z
    .string()
    .regex(/^api::[a-z0-9-]+\.[a-z0-9-]+$/, 'a content-type uid such as api::article.article'),
  entryFilter: entryFilterSchema.nullable().optional(),
  template: nameSchema,
  templateVersion: z.number().int().positive().nullable().optional(),
  params: z.record(z.string(), parameterValueSchema).optional(),
  priority: z.number().int().min(-1_000_000).max(1_000_000).optional(),
  status: z.enum(RULE_STATUSES).optional(),
  flagName: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9._:-]+$/, 'use letters, digits, ".", "_", ":" and "-"')
    .optional(),
  shadow: shadowSchema.nullable().optional(),
};

export const createRuleSchema = z.object({ name: nameSchema, ...ruleFields }).strict();

export const updateRuleSchema = z
  .object({
    ...ruleFields,
    contentType: ruleFields.contentType.optional(),
    template: ruleFields.template.optional(),
  })
  .strict();

export type CreateRuleInput = z.infer<typeof createRuleSchema>;
export type UpdateRuleInput = z.infer<typeof updateRuleSchema>;
