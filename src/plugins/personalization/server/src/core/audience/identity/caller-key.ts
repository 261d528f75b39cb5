import { createHmac } from 'node:crypto';
import { normalizeUserId } from './user-id';

/** Who events, profiles and consent belong to: an authenticated user or an anonymous visitor. */
export type AudienceCaller = { kind: 'user'; id: string } | { kind: 'visitor'; id: string };

/**
 * The pseudonym stored instead of a caller's id: HMAC-SHA256 with a server secret, so rows can be
 * joined per caller but not traced back to a user id or visitor id without the secret. User ids
 * are normalised first, so "01" and "1" key the same rows.
 */
export const callerKey = (secret: string, caller: AudienceCaller): string => {
  const id = caller.kind === 'user' ? normalizeUserId(caller.id) : caller.id;
  return createHmac('sha256', secret).update(`${caller.kind}:${id}`).digest('hex');
};
