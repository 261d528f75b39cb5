import { createHash } from 'node:crypto';

/** Identifies the text that was tagged, so an unchanged save is not tagged again. */
export const contentHash = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex');
