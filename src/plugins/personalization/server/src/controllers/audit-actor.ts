import { randomUUID } from 'node:crypto';
import type { AuditActor, AuditAction, AuditEntry } from '../services/privacy/audit';

/** The part of Koa's context that says who is asking and in which request. */
export interface AuditableContext {
  state?: {
    auth?: { strategy?: { name?: string }; credentials?: { id?: number | string } | null };
    user?: { id?: number | string } | null;
    isAuthenticatedAdmin?: boolean;
    personalizationRequestId?: string;
  };
  get?(name: string): string;
  set?(name: string, value: string): void;
}

const REQUEST_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * The request's id: the client's `X-Request-Id` when it is well-formed, else a new UUID. Kept on
 * the request so every audit row of one request carries the same id, and echoed in the response.
 */
export const requestIdOf = (ctx: AuditableContext): string => {
  const state = ctx.state ?? {};
  if (!state.personalizationRequestId) {
    const sent = ctx.get?.('x-request-id') ?? '';
    state.personalizationRequestId = REQUEST_ID.test(sent) ? sent : randomUUID();
    ctx.set?.('X-Request-Id', state.personalizationRequestId);
  }
  return state.personalizationRequestId;
};

/**
 * Who made a management or admin request: an admin user (admin routes), an API token, or a
 * users-permissions user whose role was granted the route. Caller routes pass the caller instead.
 */
export const managementActor = (ctx: AuditableContext): AuditActor => {
  const state = ctx.state ?? {};
  const strategy = state.auth?.strategy?.name;
  // Strapi 5.54 names it `content-api-token`; earlier releases `api-token`.
  if (strategy === 'content-api-token' || strategy === 'api-token') {
    return { type: 'api-token', id: String(state.auth?.credentials?.id ?? 'unknown') };
  }
  if (strategy === 'admin' || state.isAuthenticatedAdmin) {
    return { type: 'admin', id: String(state.user?.id ?? 'unknown') };
  }
  if (strategy === 'users-permissions') {
    return { type: 'users-permissions', id: String(state.user?.id ?? 'unknown') };
  }
  return { type: 'system', id: strategy ?? 'unknown' };
};

export const auditEntry = (
  ctx: AuditableContext,
  actor: AuditActor,
  action: AuditAction,
  subjectKey: string
): AuditEntry => ({ actor, action, subjectKey, requestId: requestIdOf(ctx) });
