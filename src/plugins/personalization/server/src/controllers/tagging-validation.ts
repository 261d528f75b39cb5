import { errors } from '@strapi/utils';
import { z } from 'zod';
import { TAG_TYPES } from '../core/tagging';

const LOCALE = /^[A-Za-z0-9-]{1,32}$/;
const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

// Path params come from Strapi's router (which adds its own keys, e.g. "0"), so they are picked, not strict.
export const entryParamsSchema = z.object({
  uid: z
    .string()
    .regex(
      /^[a-z0-9-]+::[a-z0-9-]+\.[a-z0-9-]+$/,
      'must be a content-type uid such as api::article.article'
    ),
  documentId: z.string().regex(DOCUMENT_ID, 'must be a documentId (letters, digits, _ and -)'),
});

export const localeQuerySchema = z
  .object({
    locale: z.string().regex(LOCALE, 'must be a locale code such as en or fr-CA').optional(),
  })
  .strict();

export const relatedQuerySchema = localeQuerySchema
  .extend({ limit: z.coerce.number().int().min(1).max(50).default(5) })
  .strict();

export const tagBodySchema = z
  .object({
    data: z
      .object({
        label: z
          .string()
          .trim()
          .min(1, 'must not be empty')
          .max(80, 'must be at most 80 characters'),
        type: z.enum(TAG_TYPES),
      })
      .strict(),
  })
  .strict();

export const rescanParamsSchema = z.object({ uid: entryParamsSchema.shape.uid });
export const rescanBodySchema = z
  .object({
    data: z
      .object({ locale: z.string().regex(LOCALE).optional() })
      .strict()
      .optional(),
  })
  .strict();
export const jobParamsSchema = z.object({ id: z.coerce.number().int().min(1) });

/** Parses at the edge; a failure is a 400 naming every wrong field, and nothing is stored. */
export const parseOrThrow = <T>(schema: z.ZodType<T>, value: unknown, what: string): T => {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : what;
      return `${where}: ${issue.message}`;
    });
    throw new errors.ValidationError(`invalid ${what}: ${problems.join('; ')}`, { problems });
  }
  return parsed.data;
};
