import { createHmac } from 'node:crypto';

/** Who events, profiles and consent belong to: an authenticated user or an anonymous visitor. */
export type AudienceCaller = { kind: 'user'; id: string } | { kind: 'visitor'; id: string };

/**
 * The pseudonym stored instead of a caller's id: HMAC-SHA256 with a server secret, so rows can be
 * joined per caller but not traced back to a user id or visitor id without the secret.
 */
export const callerKey = (secret: string, caller: AudienceCaller): string =>
  createHmac('sha256', secret).update(`${caller.kind}:${caller.id}`).digest('hex');
