import { errors } from '@strapi/utils';
import { z } from 'zod';

/** Names of templates, rules and flags: safe in URLs and in Liquid `render` tags. */
export const nameSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    'use lowercase letters, digits, ".", "_" and "-", starting with a letter or digit'
  );

/** A route that takes no query parameters: a stray one is refused rather than ignored. */
export const emptyQuerySchema = z.object({}).strict();

const scalar = z.union([z.string().max(1000), z.number().finite(), z.boolean()]);

/** The caller of a preview or a test case (the same facts the caller headers give delivery). */
export const callerSchema = z
  .object({
    user: z
      .object({
        id: z.union([z.string().min(1).max(128), z.number().int()]),
        attributes: z.record(z.string(), z.unknown()).optional(),
      })
      .strict()
      .optional(),
    visitorId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be 1-128 characters of A-Z a-z 0-9 _ -')
      .optional(),
    traits: z.record(z.string().max(64), scalar).optional(),
    segments: z.array(z.string().min(1).max(100)).max(100).optional(),
    /** A profile as `GET /me` shows it, to preview what a caller with that history would get. */
    profile: z.record(z.string(), z.unknown()).optional(),
    locale: z.string().max(20).optional(),
    userAgent: z.string().max(1000).optional(),
    time: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const parameterValueSchema = z.union([
  z.string().max(10_000),
  z.number().finite(),
  z.boolean(),
  z.array(z.string().max(1000)).max(1000),
]);

/** Parses a request body with a zod schema; a failure is a 400 that names the path of each problem. */
export const parseBody = <Schema extends z.ZodType>(
  schema: Schema,
  body: unknown
): z.infer<Schema> => {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      path: issue.path.map(String),
      message: issue.message,
    }));
    const first = problems[0];
    const where = first.path.length > 0 ? `${first.path.join('.')}: ` : '';
    throw new errors.ValidationError(`${where}${first.message}`, { errors: problems });
  }
  return parsed.data;
};
