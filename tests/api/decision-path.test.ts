import { createFullAccessToken } from '../helpers/api-token';
import { managementApi } from '../helpers/rules';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { createArticleVariant } from '../helpers/variants';

/**
 * Regression tests of issue 11 (defects 1–3): a decision never depends on what the request asked
 * to see, nor on another caller's request, nor on a template or partial that was replaced.
 */

interface Served {
  documentId: string;
  title?: string;
  category?: string;
  personalization: { variant: string | null; reason: string };
}

const ARTICLE = 'api::article.article';
const traits = (value: Record<string, string>) => JSON.stringify(value);

describe('the decision path', () => {
  let app: TestApp;
  let token: string;
  let baseId: string;
  let category: string;

  const api = (method: 'get' | 'post' | 'put' | 'delete', path: string) =>
    managementApi(app, token)(method, path);

  const listAs = async (
    visitorId: string,
    tier: string,
    query: Record<string, unknown> = {}
  ): Promise<Served> => {
    const response = await app
      .http()
      .get('/api/articles')
      .query({ 'pagination[pageSize]': 100, ...query })
      .set({ 'X-Visitor-Id': visitorId, 'X-Visitor-Traits': traits({ tier }) })
      .expect(200);
    return (response.body.data as Served[]).find((entry) => entry.documentId === baseId) as Served;
  };

  const graphqlAs = async (visitorId: string, tier: string): Promise<Served> => {
    const response = await app
      .http()
      .post('/graphql')
      .set({ 'X-Visitor-Id': visitorId, 'X-Visitor-Traits': traits({ tier }) })
      .send({
        query: `{ articles(pagination: { pageSize: 100 }) { documentId title personalization { variant reason } } }`,
      })
      .expect(200);
    expect(response.body.errors).toBeUndefined();
    return (response.body.data.articles as Served[]).find(
      (entry) => entry.documentId === baseId
    ) as Served;
  };

  const previewAs = async (visitorId: string, tier: string) => {
    const response = await api('post', '/preview')
      .send({
        contentType: ARTICLE,
        documentId: baseId,
        caller: { visitorId, traits: { tier } },
      })
      .expect(200);
    return response.body.data as { variant: string | null; reason: string };
  };

  /** A template with one passing test case, a rule on articles, its flag on. */
  const rollOut = async (rule: string, template: string, body: string, expected: string | null) => {
    await api('post', '/templates')
      .send({
        name: template,
        body,
        testCases: [
          {
            name: 'gold on the base entry',
            caller: { visitorId: 't', traits: { tier: 'gold' } },
            entry: { fields: { category } },
            variants: ['premium'],
            expected,
          },
        ],
      })
      .expect(201);
    await api('post', '/rules')
      .send({ name: rule, contentType: ARTICLE, template, status: 'active' })
      .expect(201);
    await api('put', `/flags/personalization.${rule}`).send({ enabled: true }).expect(200);
  };

  const removeRule = async (rule: string, template: string) => {
    await api('delete', `/rules/${rule}`).expect(204);
    await api('delete', `/templates/${template}`).expect(204);
  };

  beforeAll(async () => {
    app = await startStrapi({ env: { SEED_DEMO_RULES: 'false' } });
    token = await createFullAccessToken(app.strapi);
    ({ baseId } = await createArticleVariant(app.strapi, 'premium'));
    const base = (await app.strapi
      .documents(ARTICLE)
      .findOne({ documentId: baseId, status: 'published' })) as unknown as { category: string };
    category = base.category;
  });

  afterAll(async () => {
    await app.destroy();
  });

  it('decides on the stored entry whatever fields the request selects (defect 1)', async () => {
    await rollOut(
      'by-category',
      'category-and-tier',
      `{% if entry.category == '${category}' and visitor.traits.tier == 'gold' %}{% variant 'premium' %}{% endif %}`,
      'premium'
    );
    // The first caller hides `category` from its own answer; the decision must not notice.
    const narrow = await listAs('gold-1', 'gold', {
      'fields[0]': 'title',
      'fields[1]': 'updatedAt',
    });
    expect(narrow.category).toBeUndefined();
    expect(narrow.personalization).toMatchObject({ variant: 'premium', reason: 'rule' });

    // Later callers with the same traits, on REST and GraphQL, and the preview, all agree.
    expect((await listAs('gold-2', 'gold')).personalization.variant).toBe('premium');
    expect((await graphqlAs('gold-3', 'gold')).personalization.variant).toBe('premium');
    expect((await previewAs('gold-4', 'gold')).variant).toBe('premium');
    expect((await listAs('silver-1', 'silver', { 'fields[0]': 'title' })).personalization).toEqual(
      expect.objectContaining({ variant: null, reason: 'rule' })
    );
    await removeRule('by-category', 'category-and-tier');
  });

  it('adds the caller headers to Vary and keeps what CORS put there (defect 7)', async () => {
    const response = await app
      .http()
      .get('/api/articles')
      .set({ Origin: 'https://front.example', 'X-Visitor-Id': 'vary-1' })
      .expect(200);
    const vary = String(response.headers.vary)
      .split(',')
      .map((field) => field.trim().toLowerCase());
    expect(vary).toEqual(
      expect.arrayContaining(['origin', 'authorization', 'x-visitor-id', 'x-visitor-traits'])
    );
  });

  it('never serves a variant by its own documentId, whatever fields are selected', async () => {
    const [variant] = (await app.strapi.documents(ARTICLE).findMany({
      filters: { variantOf: { documentId: baseId } },
      status: 'published',
    })) as unknown as Array<{ documentId: string }>;
    await app
      .http()
      .get(`/api/articles/${variant.documentId}`)
      .query({ 'fields[0]': 'title' })
      .set({ 'X-Visitor-Id': 'direct-1' })
      .expect(404);
  });

  it('refuses partial names that are not literals (defect 2)', async () => {
    await api('post', '/templates')
      .send({
        name: 'tier-partial',
        body: "{% if visitor.traits.tier == 'gold' %}premium{% endif %}",
        testCases: [{ name: 'gold', caller: { traits: { tier: 'gold' } }, expected: 'premium' }],
      })
      .expect(201);
    for (const body of [
      '{% render params.p %}',
      '{% include params.p %}',
      "{% render 'tier-{{ params.p }}' %}",
      '{% layout params.p %}',
    ]) {
      const refused = await api('post', '/templates')
        .send({
          name: 'dynamic-partial',
          body,
          parameters: [{ name: 'p', type: 'string', default: 'tier-partial' }],
        })
        .expect(400);
      expect(refused.body.error.message).toMatch(/partial name.*literal/i);
    }
    const validated = await api('post', '/templates/validate')
      .send({
        name: 'dynamic-partial',
        body: '{% render params.p %}',
        parameters: [{ name: 'p', type: 'string', default: 'tier-partial' }],
      })
      .expect(200);
    expect(validated.body.data.valid).toBe(false);
    expect(validated.body.data.problems[0]).toMatchObject({ line: 1, column: 1 });
    await api('get', '/templates/dynamic-partial').expect(404);
    await api('delete', '/templates/tier-partial').expect(204);
  });

  it('renders the new body after a template is deleted and recreated under its name (defect 3)', async () => {
    await rollOut('recreated', 'same-name', "{% variant 'premium' %}", 'premium');
    expect((await listAs('r-1', 'gold')).personalization.variant).toBe('premium');
    expect((await previewAs('r-1', 'gold')).variant).toBe('premium');

    await removeRule('recreated', 'same-name');
    await rollOut('recreated', 'same-name', '{% comment %}base for all{% endcomment %}', null);
    expect((await listAs('r-2', 'gold')).personalization).toMatchObject({
      variant: null,
      reason: 'rule',
    });
    expect((await previewAs('r-3', 'gold')).variant).toBeNull();
    await removeRule('recreated', 'same-name');
  });

  it('renders the new body of a partial that was updated, in delivery and in test runs (defect 3)', async () => {
    await api('post', '/templates')
      .send({
        name: 'chooser',
        body: 'premium',
        testCases: [{ name: 'always', expected: 'premium' }],
      })
      .expect(201);
    await rollOut('via-partial', 'outer', "{% render 'chooser' %}", 'premium');
    expect((await listAs('p-1', 'gold')).personalization.variant).toBe('premium');

    await api('put', '/templates/chooser')
      .send({ body: '', testCases: [{ name: 'never', expected: null }] })
      .expect(200);
    expect((await listAs('p-2', 'gold')).personalization).toMatchObject({
      variant: null,
      reason: 'rule',
    });
    expect((await previewAs('p-3', 'gold')).variant).toBeNull();
    // The outer template's own test (expects premium) now fails: it renders the new partial.
    const run = await api('post', '/templates/outer/test').send({}).expect(200);
    expect(run.body.data.tests).toMatchObject({ passed: false, failed: 1 });
    expect(run.body.data.tests.results[0]).toMatchObject({ actual: null, expected: 'premium' });
    // So a rule cannot be (re)activated on it.
    await api('put', '/rules/via-partial').send({ status: 'disabled' }).expect(200);
    const refused = await api('put', '/rules/via-partial').send({ status: 'active' }).expect(400);
    expect(refused.body.error.message).toMatch(/outer/);
  });
});
