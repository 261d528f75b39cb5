import { z } from 'zod';
import { callerSchema } from './common';

export const previewSchema = z
  .object({
    contentType: z.string().min(1).max(200),
    documentId: z.string().min(1).max(100),
    locale: z.string().max(20).optional(),
    status: z.enum(['published', 'draft']).optional(),
    caller: callerSchema,
  })
  .strict();

export type PreviewInput = z.infer<typeof previewSchema>;
