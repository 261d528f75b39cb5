import { z } from 'zod';

const UID = /^[a-z0-9-]+::[a-z0-9-]+\.[a-z0-9-]+$/;

// Path params come from Strapi's router (which adds its own keys), so they are picked, not strict.
export const recommendationParamsSchema = z.object({
  uid: z
    .string()
    .max(255, 'must be a content-type uid of at most 255 characters')
    .regex(UID, 'must be a content-type uid such as api::article.article'),
});

const buildQuerySchema = (maxLimit: number) =>
  z
    .object({
      limit: z.coerce
        .number({ error: 'must be a whole number' })
        .int('must be a whole number')
        .min(1, 'must be at least 1')
        .max(maxLimit, `must be at most ${maxLimit}`)
        .default(Math.min(10, maxLimit)),
    })
    .strict();

// One schema per limit, built once: building a zod schema costs more than a cached list's answer.
const querySchemas = new Map<number, ReturnType<typeof buildQuerySchema>>();

export const recommendationQuerySchema = (
  maxLimit: number
): ReturnType<typeof buildQuerySchema> => {
  let schema = querySchemas.get(maxLimit);
  if (!schema) querySchemas.set(maxLimit, (schema = buildQuerySchema(maxLimit)));
  return schema;
};

const WEEK = /^\d{4}-\d{2}-\d{2}$/;

export const feedbackAuditQuerySchema = z
  .object({
    segment: z.string().min(1).max(100).optional(),
    from: z.string().regex(WEEK, 'must be a date YYYY-MM-DD').optional(),
  })
  .strict();
