import { z } from 'zod';
import { REPORT_NAMES } from '../core/privacy/report-names';
import { AUDIT_ACTIONS } from '../services/privacy/audit';
import { userIdSchema, visitorIdSchema } from './audience-input';

/** A stored pseudonym: the hex HMAC-SHA256 of a caller id. */
const pseudonymSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a pseudonym (64 hex digits)');

/** `GET /audit?subject=&action=&since=&limit=`; query values arrive as strings. */
export const auditQuerySchema = z
  .object({
    subject: pseudonymSchema.optional(),
    action: z.enum(AUDIT_ACTIONS).optional(),
    since: z.iso
      .datetime({ offset: true })
      .transform((value) => Date.parse(value))
      .optional(),
    limit: z
      .string()
      .regex(/^[0-9]{1,4}$/, 'must be a whole number from 1 to 500')
      .transform(Number)
      .refine((value) => value >= 1 && value <= 500, 'must be a whole number from 1 to 500')
      .optional(),
  })
  .strict();

/** `?userId=…|visitorId=…`: exactly one. */
export const subjectLookupSchema = z
  .object({ userId: userIdSchema.optional(), visitorId: visitorIdSchema.optional() })
  .strict()
  .refine((query) => (query.userId === undefined) !== (query.visitorId === undefined), {
    message: 'give exactly one of userId, visitorId',
  });

export const reportNameSchema = z.enum(REPORT_NAMES, {
  error: `must be one of ${REPORT_NAMES.join(', ')}`,
});

/** Reports take no query parameters: a stray one is refused rather than ignored. */
export const emptyQuery = z.object({}).strict();
