import { auditQuery } from '../../../src/plugins/personalization/admin/src/pages/privacy/auditQuery';

describe('audit page filters', () => {
  const none = { subject: '', action: 'any', since: '', limit: '' };

  it.each([
    [none, ''],
    [{ ...none, action: 'export' }, '?action=export'],
    [{ ...none, subject: ' abc ', limit: '20' }, '?subject=abc&limit=20'],
    [{ ...none, since: '2026-12-01T00:00:00+01:00' }, '?since=2026-12-01T00%3A00%3A00%2B01%3A00'],
  ])('%o → %s', (filters, query) => {
    expect(auditQuery(filters)).toBe(query);
  });
});
