import type { Core } from '@strapi/strapi';

interface ArticleSummary {
  documentId: string;
  title: string;
  category: 'technology' | 'sports' | 'politics' | 'business' | 'travel' | 'science';
}

/** Picks the first seeded article and publishes a variant of it; returns the base's documentId. */
export const createArticleVariant = async (
  strapi: Core.Strapi,
  variantKey: string
): Promise<{ baseId: string; variantTitle: string }> => {
  const [base] = (await strapi
    .documents('api::article.article')
    .findMany({ limit: 1, status: 'published' })) as unknown as ArticleSummary[];
  const variantTitle = `${base.title} (${variantKey})`;
  await strapi.documents('api::article.article').create({
    data: {
      title: variantTitle,
      slug: `${variantKey}-variant-of-${base.documentId}`.toLowerCase(),
      category: base.category,
      variantKey,
      variantOf: base.documentId,
    },
    status: 'published',
  });
  return { baseId: base.documentId, variantTitle };
};
