/** The action filter's value for "every action". */
export const ANY = 'any';

export interface AuditFilters {
  subject: string;
  action: string;
  since: string;
  limit: string;
}

/** The query string of `GET /audit`: only the filters given; the server validates them. */
export const auditQuery = (filters: AuditFilters): string => {
  const params = new URLSearchParams();
  if (filters.subject.trim()) params.set('subject', filters.subject.trim());
  if (filters.action !== ANY) params.set('action', filters.action);
  if (filters.since.trim()) params.set('since', filters.since.trim());
  if (filters.limit.trim()) params.set('limit', filters.limit.trim());
  const query = params.toString();
  return query ? `?${query}` : '';
};
