import { PERMISSIONS, type PermissionAction } from '../../../shared/contracts/permissions';

/**
 * Routes of the admin panel: an admin session, and the plugin permission the action needs.
 * They reuse the content-API controllers, so both doors behave the same.
 */
const guarded = (method: string, path: string, handler: string, action: PermissionAction) => ({
  method,
  path,
  handler,
  config: {
    policies: [
      'admin::isAuthenticatedAdmin',
      { name: 'admin::hasPermissions', config: { actions: [action] } },
    ],
  },
});

/** For routes whose permission depends on the content type (checked in the controller). */
const signedIn = (method: string, path: string, handler: string) => ({
  method,
  path,
  handler,
  config: { policies: ['admin::isAuthenticatedAdmin'] },
});

const {
  rulesRead,
  rulesManage,
  flagsRead,
  flagsManage,
  tagsRead,
  tagsManage,
  audienceRead,
  audienceManage,
  audienceErase,
  audienceExport,
  auditRead,
  experimentsRead,
  experimentsManage,
} = PERMISSIONS;

export default {
  type: 'admin' as const,
  routes: [
    signedIn('GET', '/health', 'health.show'),

    guarded('GET', '/templates', 'templates.find', rulesRead),
    guarded('POST', '/templates', 'templates.create', rulesManage),
    guarded('POST', '/templates/validate', 'templates.validate', rulesRead),
    guarded('GET', '/templates/:name', 'templates.findOne', rulesRead),
    guarded('PUT', '/templates/:name', 'templates.update', rulesManage),
    guarded('DELETE', '/templates/:name', 'templates.delete', rulesManage),
    guarded('GET', '/templates/:name/versions', 'templates.versions', rulesRead),
    guarded('GET', '/templates/:name/versions/:version', 'templates.version', rulesRead),
    guarded('POST', '/templates/:name/rollback', 'templates.rollback', rulesManage),
    guarded('POST', '/templates/:name/test', 'templates.test', rulesRead),

    guarded('GET', '/rules', 'rules.find', rulesRead),
    guarded('POST', '/rules', 'rules.create', rulesManage),
    guarded('GET', '/rules/:name', 'rules.findOne', rulesRead),
    guarded('PUT', '/rules/:name', 'rules.update', rulesManage),
    guarded('DELETE', '/rules/:name', 'rules.delete', rulesManage),
    guarded('GET', '/rules/:name/shadow-report', 'rules.shadowReport', rulesRead),
    guarded('POST', '/rules/:name/shadow/promote', 'rules.shadowPromote', rulesManage),
    guarded('POST', '/rules/:name/shadow/discard', 'rules.shadowDiscard', rulesManage),

    guarded('POST', '/preview', 'preview.adminCreate', rulesRead),
    guarded('GET', '/entries/:uid', 'entries.find', rulesRead),

    guarded('GET', '/flags', 'flags.find', flagsRead),
    guarded('POST', '/flags', 'flags.create', flagsManage),
    guarded('GET', '/flags/:name', 'flags.findOne', flagsRead),
    guarded('PUT', '/flags/:name', 'flags.update', flagsManage),
    guarded('DELETE', '/flags/:name', 'flags.delete', flagsManage),

    guarded('GET', '/tags/:uid/:documentId', 'tags.show', tagsRead),
    guarded('POST', '/tags/:uid/:documentId', 'tags.add', tagsManage),
    guarded('POST', '/tags/:uid/:documentId/accept', 'tags.accept', tagsManage),
    guarded('POST', '/tags/:uid/:documentId/reject', 'tags.reject', tagsManage),
    guarded('GET', '/related/:uid/:documentId', 'tags.related', tagsRead),
    guarded('GET', '/tagging/status', 'tagging.status', tagsRead),
    guarded('POST', '/tagging/rescan/:uid', 'tagging.rescan', tagsManage),
    guarded('POST', '/tagging/rescan/:uid/:documentId', 'tagging.rescanEntry', tagsManage),
    guarded('GET', '/tagging/jobs/:id', 'tagging.job', tagsRead),

    guarded('GET', '/segments', 'segments.find', audienceRead),
    guarded('POST', '/segments', 'segments.create', audienceManage),
    guarded('GET', '/segments/sizes', 'segments.sizes', audienceRead),
    guarded('GET', '/segments/:name/members', 'segments.members', audienceRead),
    guarded('GET', '/segments/:name', 'segments.findOne', audienceRead),
    guarded('PUT', '/segments/:name', 'segments.update', audienceManage),
    guarded('DELETE', '/segments/:name', 'segments.delete', audienceManage),
    guarded('GET', '/clustering/runs', 'segments.runs', audienceRead),
    guarded('POST', '/clustering/run', 'segments.run', audienceManage),
    guarded('GET', '/profiles', 'profiles.show', audienceRead),
    guarded('GET', '/feedback-audit', 'feedbackAudit.find', audienceRead),
    guarded('POST', '/feedback-audit/run', 'feedbackAudit.run', audienceManage),
    guarded('DELETE', '/users/:id', 'erasure.user', audienceErase),
    guarded('DELETE', '/visitors/:id', 'erasure.visitor', audienceErase),
    guarded('GET', '/export', 'audience.export', audienceExport),
    guarded('GET', '/audit', 'audit.read', auditRead),

    guarded('GET', '/experiments', 'experiments.find', experimentsRead),
    guarded('POST', '/experiments', 'experiments.create', experimentsManage),
    guarded('GET', '/experiments/:name', 'experiments.findOne', experimentsRead),
    guarded('PUT', '/experiments/:name', 'experiments.update', experimentsManage),
    guarded('DELETE', '/experiments/:name', 'experiments.delete', experimentsManage),
    guarded('POST', '/experiments/:name/start', 'experiments.start', experimentsManage),
    guarded('POST', '/experiments/:name/stop', 'experiments.stop', experimentsManage),
    guarded('POST', '/experiments/:name/ship', 'experiments.ship', experimentsManage),
    guarded('POST', '/experiments/:name/archive', 'experiments.archive', experimentsManage),
    guarded('GET', '/experiments/:name/results', 'experiments.results', experimentsRead),
    guarded('GET', '/experiments/:name/bandit', 'experiments.bandit', experimentsRead),
    guarded(
      'POST',
      '/experiments/:name/bandit/reweight',
      'experiments.reweight',
      experimentsManage
    ),
    guarded('POST', '/stats/sample-size', 'stats.sampleSize', experimentsRead),

    signedIn('GET', '/variants/:uid/:documentId', 'variants.find'),
    signedIn('POST', '/variants/:uid/:documentId', 'variants.create'),
  ],
};
