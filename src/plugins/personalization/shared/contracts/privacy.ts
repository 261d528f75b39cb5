/** Actions recorded in the access audit log. */
export const AUDIT_ACTIONS = [
  'profile.read',
  'me.read',
  'consent.read',
  'consent.change',
  'export',
  'erasure',
  'segment.members',
] as const;
export type AuditActionName = (typeof AUDIT_ACTIONS)[number];

/** One row of `GET /audit`, newest first. */
export interface AuditRecord {
  id: number;
  at: string;
  actor: { type: string; id: string };
  action: AuditActionName;
  subjectKey: string;
  requestId: string;
}
