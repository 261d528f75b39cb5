import type { Core } from '@strapi/strapi';

/** The plugin services the demo set-up calls (typed here: the app does not import plugin code). */
interface PluginServices {
  templates: { create(input: Record<string, unknown>): Promise<unknown> };
  rules: { create(input: Record<string, unknown>): Promise<unknown> };
  flags: { update(name: string, input: Record<string, unknown>): Promise<unknown> };
  segments: { create(input: Record<string, unknown>): Promise<unknown> };
  tags: {
    add(
      uid: string,
      documentId: string,
      locale: string | null,
      tag: { label: string; type: string }
    ): Promise<unknown>;
  };
}

const service = <Name extends keyof PluginServices>(
  strapi: Core.Strapi,
  name: Name
): PluginServices[Name] =>
  strapi.plugin('personalization').service(name) as unknown as PluginServices[Name];

const SEED_STORE = { type: 'app', name: 'demo-personalization' } as const;
export const SPORTS_SEGMENT = 'sports-fans';
/** Articles that get a `premium` variant: one per topic, so every list shows some. */
const PREMIUM_TOPICS = ['technology', 'business', 'science', 'travel'];

interface Row {
  documentId: string;
  title: string;
  summary?: string;
  category?: string;
  slug?: string;
}

/**
 * A candidate in shadow beside the live newsletter rule: the sports edition from the first sports
 * read instead of the segment's threshold. Its report (Personalization → Rules → Shadow report)
 * shows how many more callers, and in which segments, it would reach; it serves nobody.
 */
const seedShadowCandidate = async (strapi: Core.Strapi, newsletterId: string): Promise<void> => {
  await service(strapi, 'templates').create({
    name: 'affinity-at-least',
    body: '{% if user.profile.affinities[params.tag] >= params.threshold and variants contains params.variant %}{% variant params.variant %}{% endif %}',
    parameters: [
      { name: 'tag', type: 'string', default: 'sports' },
      { name: 'threshold', type: 'number', default: 0.5 },
      { name: 'variant', type: 'string', default: 'sports' },
    ],
    testCases: [
      {
        name: 'one sports read',
        caller: { profile: { affinities: { sports: 1 } } },
        variants: ['sports'],
        expected: 'sports',
      },
      {
        name: 'no sports read',
        caller: { profile: { affinities: { politics: 3 } } },
        variants: ['sports'],
        expected: null,
      },
    ],
  });
  await service(strapi, 'rules').create({
    name: 'sports-newsletter-earlier',
    description:
      'Candidate: the sports edition from the first sports read (in shadow, serves nobody).',
    contentType: 'api::promotion.promotion',
    template: 'affinity-at-least',
    entryFilter: { documentIds: [newsletterId] },
    // Ahead of the live rule: the first rule that renders decides, even when it picks the base.
    priority: 10,
    status: 'shadow',
    shadow: { sampleRate: 1 },
  });
};

/** A sports edition of the newsletter promotion, and premium variants of articles by topic. */
const seedVariants = async (
  strapi: Core.Strapi,
  articles: Row[],
  newsletter: Row
): Promise<void> => {
  await strapi.documents('api::promotion.promotion').create({
    data: {
      title: 'Get the Sports Briefing',
      body: '{{ visitor.traits.firstName | default: "Hello" }}, results, fixtures and the best sports writing of the night before, every weekday at 7 a.m. Free, five minutes, and you can unsubscribe with one click.',
      ctaLabel: 'Get the sports edition',
      ctaUrl: 'https://example.com/newsletter/sports',
      variantKey: 'sports',
      variantOf: newsletter.documentId,
    } as never,
    status: 'published',
  });
  for (const topic of PREMIUM_TOPICS) {
    const base = articles.find((article) => article.category === topic);
    if (!base) continue;
    await strapi.documents('api::article.article').create({
      data: {
        title: `Premium analysis: ${base.title}`,
        slug: `premium-${base.slug}`,
        summary: `${base.summary ?? ''} Premium members get the full analysis with data and sources.`,
        category: base.category,
        variantKey: 'premium',
        variantOf: base.documentId,
      } as never,
      status: 'published',
    });
  }
};

/** The demo's templates: a variant for a segment's members, and one for a traits plan. */
const seedTemplates = async (strapi: Core.Strapi): Promise<void> => {
  await service(strapi, 'templates').create({
    name: 'in-segment',
    body: '{% if segments | in_segment: params.segment %}{% variant params.variant %}{% endif %}',
    parameters: [
      { name: 'segment', type: 'string', default: SPORTS_SEGMENT },
      { name: 'variant', type: 'string', default: 'sports' },
    ],
    testCases: [
      {
        name: 'in the segment',
        caller: { segments: [SPORTS_SEGMENT] },
        variants: ['sports'],
        expected: 'sports',
      },
      { name: 'not in it', caller: { segments: [] }, variants: ['sports'], expected: null },
    ],
  });
  await service(strapi, 'templates').create({
    name: 'by-plan',
    body: '{% if visitor.traits.plan == params.plan and variants contains params.variant %}{% variant params.variant %}{% endif %}',
    parameters: [
      { name: 'plan', type: 'string', default: 'premium' },
      { name: 'variant', type: 'string', default: 'premium' },
    ],
    testCases: [
      {
        name: 'premium reader',
        caller: { traits: { plan: 'premium' } },
        variants: ['premium'],
        expected: 'premium',
      },
      {
        name: 'free reader',
        caller: { traits: { plan: 'free' } },
        variants: ['premium'],
        expected: null,
      },
    ],
  });
};

/**
 * The demo's personalization, on top of the demo content: topic tags on every article, a
 * `sports-fans` segment, a sports variant of the newsletter promotion served to that segment,
 * and premium variants of four articles served to visitors whose traits say `plan: premium`.
 * Runs once per database; SEED_DEMO_RULES=false leaves rules out (the test suites start bare).
 */
export const seedDemoPersonalization = async (strapi: Core.Strapi): Promise<boolean> => {
  const store = strapi.store(SEED_STORE);
  if (await store.get({ key: 'seeded' })) return false;

  const articles = (await strapi.documents('api::article.article').findMany({
    status: 'published',
    filters: { variantKey: { $null: true } },
    fields: ['title', 'summary', 'category', 'slug'],
    limit: -1,
  } as never)) as unknown as Row[];
  const [newsletter] = (await strapi.documents('api::promotion.promotion').findMany({
    status: 'published',
    filters: { variantKey: { $null: true }, ctaUrl: 'https://example.com/newsletter' },
    limit: 1,
  } as never)) as unknown as Row[];
  if (!newsletter || articles.length === 0) return false;

  // Editors tag each article with its topic: what reading it says about the reader.
  for (const article of articles) {
    await service(strapi, 'tags').add('api::article.article', article.documentId, null, {
      label: article.category ?? 'news',
      type: 'KEYWORD',
    });
  }

  await seedVariants(strapi, articles, newsletter);

  await service(strapi, 'segments').create({
    name: SPORTS_SEGMENT,
    description:
      'Readers whose profile leans to sports (about three sports articles read recently).',
    condition: { field: 'profile.affinities.sports', op: 'gte', value: 2.5 },
  });
  await seedTemplates(strapi);
  await service(strapi, 'rules').create({
    name: 'sports-fans-newsletter',
    description: 'Sports fans see the sports edition of the newsletter promotion.',
    contentType: 'api::promotion.promotion',
    template: 'in-segment',
    entryFilter: { documentIds: [newsletter.documentId] },
    status: 'active',
  });
  await service(strapi, 'rules').create({
    name: 'premium-articles',
    description: 'Premium readers see the premium variant of articles that have one.',
    contentType: 'api::article.article',
    template: 'by-plan',
    status: 'active',
  });
  await seedShadowCandidate(strapi, newsletter.documentId);
  for (const rule of ['sports-fans-newsletter', 'premium-articles']) {
    await service(strapi, 'flags').update(`personalization.${rule}`, {
      enabled: true,
      rollout: 100,
    });
  }
  await store.set({ key: 'seeded', value: true });
  return true;
};
