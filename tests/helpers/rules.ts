import type { TestApp } from './strapi';

/** Management calls with an API token, as a rule author's CI job makes them. */
export const managementApi =
  (app: Pick<TestApp, 'http'>, token: string) =>
  (method: 'get' | 'post' | 'put' | 'delete', path: string) =>
    app.http()[method](`/api/personalization${path}`).set('Authorization', `Bearer ${token}`);

/**
 * Stores a template, attaches it to articles as an active rule and switches the rule's flag on:
 * the state a rule is in once its author has rolled it out to everyone.
 */
export const rollOutArticleRule = async (
  app: Pick<TestApp, 'http'>,
  token: string,
  rule: { name: string; template: string; body: string; priority?: number }
): Promise<void> => {
  const api = managementApi(app, token);
  // Activation needs a passing test case; every template here leaves a caller without context alone.
  const testCases = [{ name: 'a caller without context', expected: null }];
  await api('post', '/templates')
    .send({ name: rule.template, body: rule.body, testCases })
    .expect(201);
  await api('post', '/rules')
    .send({
      name: rule.name,
      contentType: 'api::article.article',
      template: rule.template,
      priority: rule.priority ?? 0,
      status: 'active',
    })
    .expect(201);
  await api('put', `/flags/personalization.${rule.name}`).send({ enabled: true }).expect(200);
};
