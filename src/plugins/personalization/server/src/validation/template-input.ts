import { z } from 'zod';
import { PARAMETER_TYPES } from '../core/templates';
import { callerSchema, nameSchema, parameterValueSchema } from './common';

export const parameterSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'parameter names are Liquid identifiers'),
    type: z.enum(PARAMETER_TYPES),
    default: parameterValueSchema.optional(),
    description: z.string().max(1000).optional(),
  })
  .strict();

export const testCaseSchema = z
  .object({
    name: z.string().min(1).max(200),
    caller: callerSchema.optional(),
    params: z.record(z.string(), parameterValueSchema).optional(),
    entry: z
      .object({
        fields: z.record(z.string(), z.unknown()).optional(),
        tags: z.array(z.string().max(200)).max(200).optional(),
      })
      .strict()
      .optional(),
    variants: z.array(z.string().max(100)).max(100).optional(),
    flag: z
      .object({
        enabled: z.boolean().optional(),
        variant: z.string().max(100).nullable().optional(),
        payload: z.unknown().optional(),
      })
      .strict()
      .optional(),
    expected: z.string().max(100).nullable(),
  })
  .strict();

const templateFields = {
  description: z.string().max(2000).optional(),
  // The body limit here only keeps absurd payloads out; the sandbox's parseLimit is the real bound.
  body: z.string().max(2 * 1024 * 1024),
  parameters: z.array(parameterSchema).max(50).optional(),
  // Every case renders on save and on each test run, inside one request's render budget.
  testCases: z.array(testCaseSchema).max(50, 'at most 50 test cases per template').optional(),
  documentation: z.string().max(20_000).optional(),
};

export const createTemplateSchema = z.object({ name: nameSchema, ...templateFields }).strict();

export const updateTemplateSchema = z
  .object({
    description: templateFields.description,
    body: templateFields.body.optional(),
    parameters: templateFields.parameters,
    testCases: templateFields.testCases,
    documentation: templateFields.documentation,
    note: z.string().max(200).optional(),
  })
  .strict();

export const rollbackSchema = z.object({ version: z.number().int().positive() }).strict();

export const runTestsSchema = z
  .object({ version: z.number().int().positive().optional() })
  .strict();

export type CreateTemplateInput = z.infer<typeof createTemplateSchema>;
export type UpdateTemplateInput = z.infer<typeof updateTemplateSchema>;
