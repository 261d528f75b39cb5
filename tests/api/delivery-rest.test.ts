import { createFullAccessToken } from '../helpers/api-token';
import { managementApi, rollOutArticleRule } from '../helpers/rules';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { createArticleVariant } from '../helpers/variants';

type Article = {
  documentId: string;
  title: string;
  personalization: {
    variant: string | null;
    reason: string;
    rule: unknown;
    flag: unknown;
    tags: unknown[];
  };
};

const traits = (value: Record<string, unknown>) => JSON.stringify(value);

describe('per-caller variants in the REST content API', () => {
  let app: TestApp;
  let token: string;
  let baseId: string;
  let variantTitle: string;

  const manage = (method: 'post' | 'put', path: string) => managementApi(app, token)(method, path);

  const list = (headers: Record<string, string> = {}, query: Record<string, unknown> = {}) =>
    app
      .http()
      .get('/api/articles')
      .query({ 'pagination[pageSize]': 100, ...query })
      .set(headers);

  const find = (articles: Article[], documentId: string) =>
    articles.find((article) => article.documentId === documentId) as Article;

  beforeAll(async () => {
    app = await startStrapi();
    token = await createFullAccessToken(app.strapi);
    ({ baseId, variantTitle } = await createArticleVariant(app.strapi, 'premium'));
    await rollOutArticleRule(app, token, {
      name: 'plan-premium',
      template: 'by-plan',
      body: "{% if visitor.traits.plan == 'pro' or user.authenticated %}{% variant 'premium' %}{% endif %}",
    });
  });

  afterAll(async () => {
    await app.destroy();
  });

  it('gives two callers two different variants in one list request each', async () => {
    const pro = await list({
      'X-Visitor-Id': 'v-pro',
      'X-Visitor-Traits': traits({ plan: 'pro' }),
    }).expect(200);
    const free = await list({
      'X-Visitor-Id': 'v-free',
      'X-Visitor-Traits': traits({ plan: 'free' }),
    }).expect(200);

    expect(find(pro.body.data, baseId)).toMatchObject({
      documentId: baseId,
      title: variantTitle,
      personalization: {
        variant: 'premium',
        reason: 'rule',
        rule: { name: 'plan-premium', version: 1 },
        flag: { name: 'personalization.plan-premium', enabled: true },
        tags: expect.any(Array),
      },
    });
    const freeEntry = find(free.body.data, baseId);
    expect(freeEntry.title).not.toBe(variantTitle);
    expect(freeEntry.personalization).toMatchObject({ variant: null, reason: 'rule' });
    expect(pro.headers['cache-control']).toMatch(/private/);
    expect(String(pro.headers.vary)).toMatch(/X-Visitor-Traits/);
  });

  it('lists base entries only, so totals and pages ignore variants', async () => {
    const response = await list(
      { 'X-Visitor-Traits': traits({ plan: 'pro' }) },
      { 'pagination[pageSize]': 5 }
    ).expect(200);
    expect(response.body.meta.pagination).toMatchObject({ total: 24, pageSize: 5, pageCount: 5 });
    const all = await list({ 'X-Visitor-Traits': traits({ plan: 'pro' }) }).expect(200);
    expect(all.body.data).toHaveLength(24);
    expect(all.body.data.filter((article: Article) => article.title === variantTitle)).toHaveLength(
      1
    );
  });

  it('keeps filters, sort and fields working on base entries', async () => {
    const response = await list(
      { 'X-Visitor-Traits': traits({ plan: 'pro' }) },
      { 'filters[documentId][$eq]': baseId, 'fields[0]': 'title' }
    ).expect(200);
    expect(response.body.data).toHaveLength(1);
    expect(response.body.data[0]).toMatchObject({ documentId: baseId, title: variantTitle });
    expect(response.body.data[0].summary).toBeUndefined();
  });

  it('answers base content with reason no-context when no caller header is sent', async () => {
    const response = await list().expect(200);
    expect(find(response.body.data, baseId).personalization).toMatchObject({
      variant: null,
      reason: 'no-context',
    });
    expect(response.headers['cache-control'] ?? '').not.toMatch(/private/);
  });

  it('serves a single entry personalized, and never a variant on its own', async () => {
    const single = await app
      .http()
      .get(`/api/articles/${baseId}`)
      .set('X-Visitor-Traits', traits({ plan: 'pro' }))
      .expect(200);
    expect(single.body.data).toMatchObject({ documentId: baseId, title: variantTitle });

    const [variant] = (await app.strapi.documents('api::article.article').findMany({
      filters: { variantKey: 'premium' },
    })) as unknown as Article[];
    await app.http().get(`/api/articles/${variant.documentId}`).expect(404);
  });

  it.each([
    ['X-Visitor-Id', 'has spaces', /X-Visitor-Id header/],
    ['X-Visitor-Id', 'x'.repeat(129), /X-Visitor-Id header/],
    ['X-Visitor-Traits', '{not json', /X-Visitor-Traits header must be a JSON object/],
    ['X-Visitor-Traits', '[1,2]', /X-Visitor-Traits header must be a JSON object/],
    [
      'X-Visitor-Traits',
      '{"nested":{"a":1}}',
      /trait "nested" must be a string, number or boolean/,
    ],
    ['X-Visitor-Traits', JSON.stringify({ big: 'x'.repeat(5000) }), /at most 4096 bytes/],
  ])('answers 400 naming the header for a malformed %s', async (header, value, message) => {
    const response = await list({ [header]: value });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(message);
  });

  it('knows a users-permissions JWT caller', async () => {
    const registration = await app
      .http()
      .post('/api/auth/local/register')
      .send({ username: 'reader', email: 'reader@example.com', password: 'Reader-password-1' })
      .expect(200);
    const response = await list({ Authorization: `Bearer ${registration.body.jwt}` }).expect(200);
    expect(find(response.body.data, baseId).personalization).toMatchObject({
      variant: 'premium',
      reason: 'rule',
    });
  });

  it('shows an edited variant in the next response', async () => {
    const [variant] = (await app.strapi.documents('api::article.article').findMany({
      filters: { variantKey: 'premium' },
    })) as unknown as Article[];
    await app.strapi.documents('api::article.article').update({
      documentId: variant.documentId,
      data: { title: 'Premium, edited' },
    });
    await app.strapi.documents('api::article.article').publish({ documentId: variant.documentId });
    const response = await list({ 'X-Visitor-Traits': traits({ plan: 'pro' }) }).expect(200);
    expect(find(response.body.data, baseId).title).toBe('Premium, edited');
  });

  it('answers 200 with base content and reason rule-error when the rule fails', async () => {
    await rollOutArticleRule(app, token, {
      name: 'spin-first',
      template: 'spin',
      body: "{% if visitor.traits.plan == 'pro' %}{% for i in (1..100000000) %}x{% endfor %}{% endif %}",
      priority: 10,
    });

    const response = await list(
      { 'X-Visitor-Traits': traits({ plan: 'pro' }) },
      { 'pagination[pageSize]': 3 }
    ).expect(200);
    for (const article of response.body.data as Article[]) {
      expect(article.personalization).toMatchObject({
        variant: null,
        reason: 'rule-error',
        rule: { name: 'spin-first' },
      });
    }
    await manage('put', '/rules/spin-first').send({ status: 'disabled' }).expect(200);
  });

  it('serves base content to everyone once the flag is off', async () => {
    await manage('put', '/flags/personalization.plan-premium').send({ enabled: false }).expect(200);
    const response = await list({ 'X-Visitor-Traits': traits({ plan: 'pro' }) }).expect(200);
    expect(find(response.body.data, baseId)).toMatchObject({
      personalization: { variant: null, reason: 'flag-off' },
    });
    expect(find(response.body.data, baseId).title).not.toBe('Premium, edited');
  });
});

describe('tags in the personalization object', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startStrapi();
  });

  afterAll(async () => {
    await app.destroy();
  });

  it('carries the entry tags once tagging has run, as DESIGN §3 shows them', async () => {
    const tagged = async () => {
      const response = await app
        .http()
        .get('/api/articles')
        .query({ 'pagination[pageSize]': 100 })
        .expect(200);
      return (response.body.data as Article[]).filter(
        (article) => article.personalization.tags.length > 0
      );
    };
    const deadline = Date.now() + 90_000;
    let withTags = await tagged();
    while (withTags.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      withTags = await tagged();
    }
    expect(withTags.length).toBeGreaterThan(0);
    const [tag] = withTags[0].personalization.tags as Array<Record<string, unknown>>;
    expect(Object.keys(tag).sort()).toEqual(['confidence', 'label', 'source', 'status', 'type']);
    expect(tag.status).toBe('suggested');
  });
});
