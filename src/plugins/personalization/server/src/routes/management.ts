/**
 * Management routes (templates, rules, flags, preview). They need authentication: a Strapi API token
 * (full access, or custom with these actions) or a users-permissions role granted them.
 */
const route = (method: string, path: string, handler: string) => ({
  method,
  path,
  handler,
  config: {},
});

export const managementRoutes = [
  route('GET', '/templates', 'templates.find'),
  route('POST', '/templates', 'templates.create'),
  route('POST', '/templates/validate', 'templates.validate'),
  route('GET', '/templates/:name', 'templates.findOne'),
  route('PUT', '/templates/:name', 'templates.update'),
  route('DELETE', '/templates/:name', 'templates.delete'),
  route('GET', '/templates/:name/versions', 'templates.versions'),
  route('GET', '/templates/:name/versions/:version', 'templates.version'),
  route('POST', '/templates/:name/rollback', 'templates.rollback'),
  route('POST', '/templates/:name/test', 'templates.test'),
  route('GET', '/rules', 'rules.find'),
  route('POST', '/rules', 'rules.create'),
  route('GET', '/rules/:name', 'rules.findOne'),
  route('PUT', '/rules/:name', 'rules.update'),
  route('DELETE', '/rules/:name', 'rules.delete'),
  route('GET', '/rules/:name/shadow-report', 'rules.shadowReport'),
  route('POST', '/rules/:name/shadow/promote', 'rules.shadowPromote'),
  route('POST', '/rules/:name/shadow/discard', 'rules.shadowDiscard'),
  route('GET', '/flags', 'flags.find'),
  route('POST', '/flags', 'flags.create'),
  route('GET', '/flags/:name', 'flags.findOne'),
  route('PUT', '/flags/:name', 'flags.update'),
  route('DELETE', '/flags/:name', 'flags.delete'),
  route('POST', '/preview', 'preview.create'),
  route('GET', '/experiments', 'experiments.find'),
  route('POST', '/experiments', 'experiments.create'),
  route('GET', '/experiments/:name', 'experiments.findOne'),
  route('PUT', '/experiments/:name', 'experiments.update'),
  route('DELETE', '/experiments/:name', 'experiments.delete'),
  route('POST', '/experiments/:name/start', 'experiments.start'),
  route('POST', '/experiments/:name/stop', 'experiments.stop'),
  route('POST', '/experiments/:name/archive', 'experiments.archive'),
  route('GET', '/experiments/:name/results', 'experiments.results'),
  route('POST', '/stats/analyze', 'stats.analyze'),
  route('POST', '/stats/sample-size', 'stats.sampleSize'),
];
