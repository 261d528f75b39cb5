import { z } from 'zod';
import { normalizeUserId } from '../core/audience/identity/user-id';
import { nameSchema } from './common';

/** `PUT /consent`: the purposes to change; the others keep their current value. */
export const consentSchema = z
  .object({
    personalization: z.boolean().optional(),
    analytics: z.boolean().optional(),
  })
  .strict()
  .refine((body) => body.personalization !== undefined || body.analytics !== undefined, {
    message: 'give at least one of personalization, analytics',
  });

/**
 * `POST /identify` takes no body fields: the visitor id comes only from the X-Visitor-Id header,
 * so linking proves possession of it; a body `visitorId` would let a user claim anyone's history.
 */
export const identifySchema = z
  .object({
    visitorId: z
      .never({
        error: 'is not accepted in the body: send the X-Visitor-Id header the visitor holds',
      })
      .optional(),
  })
  .strict();

/** `:id` of `DELETE /users/:id`: a users-permissions user id, normalised ("01" is user 1). */
export const userIdSchema = z
  .string()
  .regex(/^[0-9]{1,18}$/, 'must be a user id (digits)')
  .transform(normalizeUserId);
export const visitorIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be 1-128 characters of A-Z a-z 0-9 _ -');

export const createSegmentSchema = z
  .object({
    name: nameSchema,
    description: z.string().max(2000).nullable().optional(),
    enabled: z.boolean().optional(),
    // Checked by the condition parser, which names the path of the first problem.
    condition: z.unknown().refine((value) => value !== undefined, 'is required'),
  })
  .strict();

export const updateSegmentSchema = z
  .object({
    description: z.string().max(2000).nullable().optional(),
    enabled: z.boolean().optional(),
    condition: z.unknown().optional(),
  })
  .strict();

export type CreateSegmentInput = z.infer<typeof createSegmentSchema>;
export type UpdateSegmentInput = z.infer<typeof updateSegmentSchema>;
