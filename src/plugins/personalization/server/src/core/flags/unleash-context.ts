import type { Context } from 'unleash-client';
import { normalizeUserId } from '../audience/identity/user-id';
import type { CallerInput } from '../templates/types';

/**
 * The Unleash context of a caller: userId for an authenticated user, sessionId for an anonymous
 * visitor (stickiness `default` uses whichever is present), traits and segments as properties.
 */
export const toUnleashContext = (caller: CallerInput): Context => {
  const properties: Record<string, string> = {};
  for (const [name, value] of Object.entries(caller.traits ?? {})) {
    properties[name] = String(value);
  }
  if (caller.segments && caller.segments.length > 0) {
    properties.segments = caller.segments.join(',');
  }
  if (caller.locale) {
    properties.locale = caller.locale;
  }
  return {
    userId: caller.user ? normalizeUserId(caller.user.id) : undefined,
    sessionId: caller.visitorId,
    currentTime: caller.time ? new Date(caller.time) : undefined,
    properties,
  };
};
