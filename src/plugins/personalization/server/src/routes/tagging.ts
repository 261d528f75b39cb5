/**
 * Tag review, related content and the tagging queue over the content API. No `auth: false`:
 * Strapi authenticates these routes with an API token (a full-access token, or a custom token
 * granted these actions); the users-permissions public role has no permission on them.
 */
export const taggingRoutes = [
  { method: 'GET', path: '/tags/:uid/:documentId', handler: 'tags.show' },
  { method: 'POST', path: '/tags/:uid/:documentId', handler: 'tags.add' },
  { method: 'POST', path: '/tags/:uid/:documentId/accept', handler: 'tags.accept' },
  { method: 'POST', path: '/tags/:uid/:documentId/reject', handler: 'tags.reject' },
  { method: 'GET', path: '/related/:uid/:documentId', handler: 'tags.related' },
  { method: 'GET', path: '/tagging/status', handler: 'tagging.status' },
  { method: 'POST', path: '/tagging/rescan/:uid', handler: 'tagging.rescan' },
  { method: 'POST', path: '/tagging/rescan/:uid/:documentId', handler: 'tagging.rescanEntry' },
  { method: 'GET', path: '/tagging/jobs/:id', handler: 'tagging.job' },
];
