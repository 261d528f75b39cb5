import type { Core } from '@strapi/strapi';
import demo from './data/articles.json';

interface DemoArticle {
  title: string;
  slug: string;
  summary: string;
  category: 'technology' | 'sports' | 'politics' | 'business' | 'travel' | 'science';
  paragraphs: string[];
}

interface DemoPromotion {
  title: string;
  body: string;
  ctaLabel: string;
  ctaUrl: string;
}

const articles = demo.articles as DemoArticle[];
const promotions = demo.promotions as DemoPromotion[];

/** Rich text in Strapi's blocks format: one paragraph block per paragraph of the demo text. */
const toBlocks = (paragraphs: readonly string[]) =>
  paragraphs.map((text) => ({
    type: 'paragraph' as const,
    children: [{ type: 'text' as const, text }],
  }));

const SEED_STORE = { type: 'app', name: 'demo-content' } as const;

export interface SeedResult {
  seeded: boolean;
  articles: number;
  promotions: number;
  reason: 'seeded' | 'already-seeded' | 'not-empty';
}

/**
 * Fills an empty database with the demo articles and promotions, all or nothing.
 * Runs at most once per database: a marker in Strapi's store keeps deleted demo entries deleted.
 */
export const seedDemoContent = async (strapi: Core.Strapi): Promise<SeedResult> => {
  const store = strapi.store(SEED_STORE);
  if (await store.get({ key: 'seeded' })) {
    return { seeded: false, articles: 0, promotions: 0, reason: 'already-seeded' };
  }

  const existing =
    (await strapi.db.query('api::article.article').count()) +
    (await strapi.db.query('api::promotion.promotion').count());
  if (existing > 0) {
    await store.set({ key: 'seeded', value: true });
    return { seeded: false, articles: 0, promotions: 0, reason: 'not-empty' };
  }

  await strapi.db.transaction(async () => {
    for (const article of articles) {
      await strapi.documents('api::article.article').create({
        data: {
          title: article.title,
          slug: article.slug,
          summary: article.summary,
          category: article.category,
          body: toBlocks(article.paragraphs),
        },
        status: 'published',
      });
    }
    for (const promotion of promotions) {
      await strapi.documents('api::promotion.promotion').create({
        data: { ...promotion },
        status: 'published',
      });
    }
    await store.set({ key: 'seeded', value: true });
  });

  return {
    seeded: true,
    articles: articles.length,
    promotions: promotions.length,
    reason: 'seeded',
  };
};
