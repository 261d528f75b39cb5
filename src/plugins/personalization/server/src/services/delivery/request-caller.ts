import type { Core } from '@strapi/strapi';
import type { PluginConfig } from '../../config';
import { resolveCaller, type CallerGate } from '../../core/delivery';
import type { CallerInput } from '../../core/templates';
import { getService } from '../../utils/get-service';
import { withHttpErrors } from '../../utils/http-errors';
import type { AudienceContext } from '../audience/audience';
import type { KoaRequestContext, RequestState } from './types';

const CALLER_HEADERS = ['Authorization', 'X-Visitor-Id', 'X-Visitor-Traits'];
const USER_FIELDS_NEVER_EXPOSED = new Set(['password', 'resetPasswordToken', 'confirmationToken']);

export interface RequestCallerAudience {
  /** The caller as decisions see it (segments and profile added when they consented). */
  caller: CallerInput;
  audience: AudienceContext | null;
  /** Why the caller gets base content without a decision; null when decisions apply. */
  gate: CallerGate | null;
}

const userAttributes = (user: RequestState['user']): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(user ?? {}).filter(([name]) => !USER_FIELDS_NEVER_EXPOSED.has(name))
  );

/** Who is asking: a 400 naming the header when one is malformed. */
const callerOf = (request: KoaRequestContext, params: Record<string, unknown>) =>
  withHttpErrors(() =>
    resolveCaller({
      headers: request.headers,
      user: request.state.user
        ? { id: request.state.user.id, attributes: userAttributes(request.state.user) }
        : null,
      locale: params.locale as string | undefined,
      userAgent: request.get('user-agent') || undefined,
    })
  );

/**
 * The request's caller with their consent, profile and segments, and the gate that keeps them on
 * base content (delivery off, no caller, no consent). A personalized answer is private.
 */
export const createRequestCaller = (strapi: Core.Strapi, config: PluginConfig) => {
  /** A storage failure serves the audience data as unknown. */
  const audienceOf = async (caller: CallerInput): Promise<AudienceContext | null> => {
    try {
      return await getService(strapi, 'audience').contextFor(caller);
    } catch (error) {
      strapi.log.error(
        `[personalization] could not read the caller's audience data: ${String(error)}`
      );
      return null;
    }
  };

  return async (
    request: KoaRequestContext,
    params: Record<string, unknown>
  ): Promise<RequestCallerAudience> => {
    CALLER_HEADERS.forEach((header) => request.vary(header));
    const resolved = callerOf(request, params);
    const audience = resolved.identified ? await audienceOf(resolved.caller) : null;
    const consented = audience?.consent.personalization !== false;
    if (audience && consented) {
      resolved.caller.segments = audience.segments;
      resolved.caller.profile = audience.profile ?? undefined;
    }
    const gate: CallerGate | null = !config.delivery.enabled
      ? 'disabled'
      : !resolved.identified
        ? 'no-context'
        : !consented
          ? 'no-consent'
          : null;
    if (gate === null) request.set('Cache-Control', 'private, no-cache');
    return { caller: resolved.caller, audience, gate };
  };
};
