/**
 * Audience routes. The caller's own ones (events, consent, identify, me) are public: anonymous
 * visitors must reach them, and the controller checks a users-permissions JWT itself. The
 * management ones (segments, clustering, erasure) need an API token like the other management routes.
 */
const callerRoute = (method: string, path: string, handler: string) => ({
  method,
  path,
  handler,
  config: { auth: false as const },
});

const managementRoute = (method: string, path: string, handler: string) => ({
  method,
  path,
  handler,
  config: {},
});

export const audienceRoutes = [
  callerRoute('POST', '/events', 'events.create'),
  callerRoute('GET', '/consent', 'consent.show'),
  callerRoute('PUT', '/consent', 'consent.update'),
  callerRoute('POST', '/identify', 'identify.create'),
  callerRoute('GET', '/me', 'me.show'),
  callerRoute('GET', '/me/export', 'me.export'),
  callerRoute('GET', '/recommendations/:uid', 'recommendations.find'),
  managementRoute('GET', '/export', 'audience.export'),
  managementRoute('GET', '/audit', 'audit.read'),
  managementRoute('GET', '/reports/:name', 'reports.show'),
  managementRoute('GET', '/profiles', 'profiles.show'),
  managementRoute('DELETE', '/users/:id', 'erasure.user'),
  managementRoute('DELETE', '/visitors/:id', 'erasure.visitor'),
  managementRoute('GET', '/segments', 'segments.find'),
  managementRoute('POST', '/segments', 'segments.create'),
  managementRoute('GET', '/segments/sizes', 'segments.sizes'),
  managementRoute('GET', '/segments/:name/members', 'segments.members'),
  managementRoute('GET', '/segments/:name', 'segments.findOne'),
  managementRoute('PUT', '/segments/:name', 'segments.update'),
  managementRoute('DELETE', '/segments/:name', 'segments.delete'),
  managementRoute('GET', '/clustering/runs', 'segments.runs'),
  managementRoute('POST', '/clustering/run', 'segments.run'),
  managementRoute('GET', '/feedback-audit', 'feedbackAudit.find'),
  managementRoute('POST', '/feedback-audit/run', 'feedbackAudit.run'),
];
