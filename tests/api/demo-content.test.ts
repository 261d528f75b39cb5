import fs from 'node:fs';
import path from 'node:path';
import type { TagsService } from '../../src/plugins/personalization/server/src/services/tagging/tags';
import { ROOT, startStrapi, type TestApp } from '../helpers/strapi';
import { createFullAccessToken, waitForIdleQueue } from '../helpers/tagging';

interface Block {
  type: string;
  children: { type: string; text: string }[];
}

const wordCount = (blocks: Block[]): number =>
  blocks
    .flatMap((block) => block.children.map((child) => child.text))
    .join(' ')
    .split(/\s+/)
    .filter(Boolean).length;

describe('demo content and public access', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startStrapi();
  });

  afterAll(async () => {
    await app.destroy();
  });

  it('seeds at least 20 published articles of 150-400 words across every topic', async () => {
    const response = await app
      .http()
      .get('/api/articles')
      .query({ 'pagination[pageSize]': 100 })
      .expect(200);

    const articles = response.body.data as { body: Block[]; category: string; title: string }[];
    expect(response.body.meta.pagination.total).toBeGreaterThanOrEqual(20);
    expect(articles.length).toBe(response.body.meta.pagination.total);
    for (const article of articles) {
      const words = wordCount(article.body);
      expect({ title: article.title, inRange: words >= 150 && words <= 400 }).toEqual({
        title: article.title,
        inRange: true,
      });
    }
    expect(new Set(articles.map((article) => article.category))).toEqual(
      new Set(['technology', 'sports', 'politics', 'business', 'travel', 'science'])
    );
  });

  it('tags every demo article with 5 to 12 tags (the trained model and the entity policy)', async () => {
    const token = await createFullAccessToken(app.strapi);
    await waitForIdleQueue(app, token, 180_000);
    const articles = (await app.strapi
      .documents('api::article.article')
      .findMany({ filters: { variantKey: { $null: true } }, limit: -1 } as never)) as unknown as {
      documentId: string;
      title: string;
    }[];
    const tags = app.strapi.plugin('personalization').service('tags') as TagsService;
    const byEntry = await tags.forEntries(
      'api::article.article',
      articles.map((article) => article.documentId),
      null
    );
    const counts = articles.map((article) => {
      const shown = (byEntry[article.documentId] ?? []).filter((tag) => tag.status !== 'rejected');
      return { title: article.title, tags: shown.map((tag) => `${tag.label} (${tag.type})`) };
    });
    // Kept for the record (the issue note lists some): test-output is git-ignored.
    fs.mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
    fs.writeFileSync(
      path.join(ROOT, 'test-output', 'demo-tags.json'),
      `${JSON.stringify(counts, null, 2)}\n`
    );
    for (const { title, tags: shown } of counts) {
      expect({ title, inRange: shown.length >= 5 && shown.length <= 12 }).toEqual({
        title,
        inRange: true,
      });
    }
  });

  it('seeds promotions with a call to action', async () => {
    const response = await app.http().get('/api/promotions').expect(200);
    expect(response.body.data.length).toBeGreaterThanOrEqual(3);
    for (const promotion of response.body.data as { ctaLabel: string; ctaUrl: string }[]) {
      expect(promotion.ctaLabel.length).toBeGreaterThan(0);
      expect(promotion.ctaUrl).toMatch(/^https:\/\//);
    }
  });

  it('lets the public role read one article by documentId', async () => {
    const list = await app.http().get('/api/articles').expect(200);
    const first = list.body.data[0] as { documentId: string; title: string };
    const single = await app.http().get(`/api/articles/${first.documentId}`).expect(200);
    expect(single.body.data.title).toBe(first.title);
  });

  it.each([
    ['create an article', 'post', '/api/articles'],
    ['create a promotion', 'post', '/api/promotions'],
    ['list users', 'get', '/api/users'],
  ] as const)('forbids the public role to %s', async (_label, method, url) => {
    const response = await app
      .http()
      [method](url)
      .send({ data: { title: 'Not allowed' } });
    expect(response.status).toBe(403);
  });

  it('does not seed twice: a second run finds the marker and adds nothing', async () => {
    const before = await app.strapi.db.query('api::article.article').count();
    // Run the seeder again, as the bootstrap of a restart would.
    const { seedDemoContent } = await import('../../src/seed/demo-content');
    const result = await seedDemoContent(app.strapi);
    expect(result).toEqual({ seeded: false, articles: 0, promotions: 0, reason: 'already-seeded' });
    expect(await app.strapi.db.query('api::article.article').count()).toBe(before);
  });
});

describe('demo content switched off', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startStrapi({ env: { SEED_DEMO_CONTENT: 'false' } });
  });

  afterAll(async () => {
    await app.destroy();
  });

  it('boots with an empty database when SEED_DEMO_CONTENT=false', async () => {
    const response = await app.http().get('/api/articles').expect(200);
    expect(response.body.data).toEqual([]);
    expect(response.body.meta.pagination.total).toBe(0);
  });
});
