import type { AuditAction, AuditEntry } from '../services/privacy/audit';
import type { RefusalContext } from '../utils/http-errors';
import { auditEntry } from './audit-actor';
import type { RequestContext } from './request-context';

/** The part of Koa's context the audience endpoints read besides the common one. */
export interface AudienceRequestContext extends RequestContext, RefusalContext {
  headers: Record<string, string | string[] | undefined>;
  request: RequestContext['request'] & { length?: number };
  get(name: string): string;
  /** Koa's content-type match: the type matched, false, or null without a body. */
  is(...types: string[]): string | false | null;
}

/** An audit entry for a caller acting on their own data: the actor is their pseudonym. */
export const callerAudit = (
  ctx: AudienceRequestContext,
  key: string,
  action: AuditAction
): AuditEntry => auditEntry(ctx, { type: 'caller', id: key }, action, key);
