import { createFullAccessToken } from '../helpers/api-token';
import { rollOutArticleRule } from '../helpers/rules';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { createArticleVariant } from '../helpers/variants';

type GraphqlArticle = {
  documentId: string;
  title: string;
  personalization: {
    variant: string | null;
    reason: string;
    rule: { name: string; version: number } | null;
  };
};

const LIST = `query {
  articles(pagination: { pageSize: 100 }) {
    documentId
    title
    personalization { variant reason rule { name version } flag { name enabled variant } tags { label } }
  }
  articles_connection(pagination: { pageSize: 5 }) { pageInfo { total pageCount } }
}`;

describe('per-caller variants in the GraphQL API', () => {
  let app: TestApp;
  let baseId: string;
  let variantTitle: string;

  const graphql = (query: string, headers: Record<string, string> = {}) =>
    app.http().post('/graphql').set(headers).send({ query });

  const find = (articles: GraphqlArticle[]) =>
    articles.find((article) => article.documentId === baseId) as GraphqlArticle;

  beforeAll(async () => {
    app = await startStrapi();
    const token = await createFullAccessToken(app.strapi);
    ({ baseId, variantTitle } = await createArticleVariant(app.strapi, 'members'));
    await rollOutArticleRule(app, token, {
      name: 'members',
      template: 'members-or-pro',
      body: "{% if user.authenticated or visitor.traits.plan == 'pro' %}{% variant 'members' %}{% endif %}",
    });
  });

  afterAll(async () => {
    await app.destroy();
  });

  it('gives two callers two different variants, with the personalization field', async () => {
    const pro = await graphql(LIST, { 'X-Visitor-Traits': '{"plan":"pro"}' }).expect(200);
    const free = await graphql(LIST, { 'X-Visitor-Traits': '{"plan":"free"}' }).expect(200);
    expect(pro.body.errors).toBeUndefined();

    expect(find(pro.body.data.articles)).toMatchObject({
      title: variantTitle,
      personalization: {
        variant: 'members',
        reason: 'rule',
        rule: { name: 'members', version: 1 },
      },
    });
    expect(find(free.body.data.articles).title).not.toBe(variantTitle);
    expect(find(free.body.data.articles).personalization).toMatchObject({
      variant: null,
      reason: 'rule',
    });
  });

  it('counts base entries only in pagination', async () => {
    const response = await graphql(LIST, { 'X-Visitor-Traits': '{"plan":"pro"}' }).expect(200);
    expect(response.body.data.articles).toHaveLength(24);
    expect(response.body.data.articles_connection.pageInfo).toEqual({ total: 24, pageCount: 5 });
  });

  it('knows the users-permissions user inside the resolvers', async () => {
    const registration = await app
      .http()
      .post('/api/auth/local/register')
      .send({
        username: 'gql-reader',
        email: 'gql-reader@example.com',
        password: 'Reader-password-1',
      })
      .expect(200);
    const response = await graphql(LIST, {
      Authorization: `Bearer ${registration.body.jwt}`,
    }).expect(200);
    expect(response.body.errors).toBeUndefined();
    expect(find(response.body.data.articles).personalization).toMatchObject({
      variant: 'members',
      reason: 'rule',
    });
  });

  it('personalizes a single entry and reports no-context without headers', async () => {
    const single = await graphql(
      `query { article(documentId: "${baseId}") { documentId title personalization { variant reason } } }`,
      { 'X-Visitor-Traits': '{"plan":"pro"}' }
    ).expect(200);
    expect(single.body.data.article).toMatchObject({ documentId: baseId, title: variantTitle });

    const anonymous = await graphql(LIST).expect(200);
    expect(find(anonymous.body.data.articles).personalization).toMatchObject({
      variant: null,
      reason: 'no-context',
    });
  });

  it('rejects a malformed caller header, naming it', async () => {
    const response = await graphql(LIST, { 'X-Visitor-Traits': 'nope' });
    const message = JSON.stringify(response.body.errors ?? response.body.error);
    expect(message).toMatch(/X-Visitor-Traits header must be a JSON object/);
    expect(response.body.data?.articles ?? null).toBeNull();
  });

  it('does not expose the plugin records through GraphQL', async () => {
    const response = await graphql('query { personalizationTemplates { name } }');
    expect(response.body.errors?.[0]?.message).toMatch(/Cannot query field/);
  });
});
