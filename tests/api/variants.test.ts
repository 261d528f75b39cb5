import { createFullAccessToken } from '../helpers/api-token';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { createArticleVariant } from '../helpers/variants';

describe('variant fields and their integrity', () => {
  let app: TestApp;
  let token: string;
  let baseId: string;

  const createArticle = (data: Record<string, unknown>) =>
    app
      .http()
      .post('/api/articles')
      .set('Authorization', `Bearer ${token}`)
      .send({
        data: { category: 'science', slug: `slug-${Math.random().toString(36).slice(2)}`, ...data },
      });

  const publishedCount = (documentId: string) =>
    app.strapi.db
      .query('api::article.article')
      .count({ where: { documentId, publishedAt: { $notNull: true } } });

  beforeAll(async () => {
    app = await startStrapi();
    token = await createFullAccessToken(app.strapi);
    ({ baseId } = await createArticleVariant(app.strapi, 'premium'));
  });

  afterAll(async () => {
    await app.destroy();
  });

  it('accepts a second variant with another key', async () => {
    const response = await createArticle({
      title: 'Local take',
      variantKey: 'local',
      variantOf: baseId,
    });
    expect(response.status).toBe(201);
  });

  it.each([
    [
      'a duplicate key for the same base',
      { variantKey: 'premium' },
      /variantKey: the base entry already has a "premium" variant/,
    ],
    [
      'a key without a base',
      { variantKey: 'lonely', variantOf: null },
      /variantOf: a variant needs the base entry/,
    ],
    ['a base without a key', { variantKey: null }, /variantKey: a variant needs a key/],
    ['a key that is not an identifier', { variantKey: 'Has Spaces' }, /variantKey/],
  ])('refuses %s with a 400 naming the field, storing nothing', async (_label, fields, message) => {
    const before = await app.strapi.db.query('api::article.article').count();
    const response = await createArticle({ title: 'Refused', variantOf: baseId, ...fields });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(message);
    expect(await app.strapi.db.query('api::article.article').count()).toBe(before);
  });

  it('refuses a variant of a variant and of an entry that does not exist', async () => {
    const [variant] = (await app.strapi.documents('api::article.article').findMany({
      filters: { variantKey: 'premium' },
    })) as unknown as { documentId: string }[];
    const chained = await createArticle({
      title: 'Chained',
      variantKey: 'chained',
      variantOf: variant.documentId,
    });
    expect(chained.status).toBe(400);
    expect(chained.body.error.message).toMatch(/is itself a variant/);

    const missing = await app.strapi
      .documents('api::article.article')
      .create({
        data: { title: 'Orphan', slug: 'orphan', category: 'science', variantKey: 'orphan' },
      })
      .catch((error: Error) => error);
    expect(missing).toBeInstanceOf(Error);
    expect((missing as Error).message).toMatch(/variantOf/);
  });

  it('unpublishes, publishes and deletes the variants with their base', async () => {
    const variants = (await app.strapi.documents('api::article.article').findMany({
      filters: { variantOf: { documentId: baseId } },
    })) as unknown as { documentId: string }[];
    expect(variants.length).toBe(2);

    await app.strapi.documents('api::article.article').unpublish({ documentId: baseId });
    for (const variant of variants) expect(await publishedCount(variant.documentId)).toBe(0);

    await app.strapi.documents('api::article.article').publish({ documentId: baseId });
    for (const variant of variants) expect(await publishedCount(variant.documentId)).toBe(1);

    await app.strapi.documents('api::article.article').delete({ documentId: baseId });
    for (const variant of variants) {
      expect(
        await app.strapi.db
          .query('api::article.article')
          .count({ where: { documentId: variant.documentId } })
      ).toBe(0);
    }
  });
});
