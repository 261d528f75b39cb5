import { z } from 'zod';
import { audienceConfigSchema, cron, defaultAudienceConfig } from './audience-schema';
import { defaultPrivacyConfig, privacyConfigSchema } from './privacy-schema';
import {
  defaultRecommendationsConfig,
  recommendationsConfigSchema,
} from './recommendations-schema';
import { defaultTaggingConfig, taggingConfigSchema } from './tagging-schema';

const positiveInt = z.number().int().positive();

/** The plugin's configuration; unknown keys are rejected so a typo stops boot instead of being ignored. */
export const pluginConfigSchema = z
  .object({
    delivery: z
      .object({
        /** Master switch for per-caller delivery on the content API; off serves base content to everyone. */
        enabled: z.boolean(),
      })
      .strict(),
    rules: z
      .object({
        /** Resource bounds of every template render (see docs/templates.md). */
        sandbox: z
          .object({
            parseLimit: positiveInt,
            renderLimitMs: positiveInt,
            memoryLimit: positiveInt,
            outputLimit: positiveInt,
          })
          .strict(),
        /**
         * Rendering time one HTTP request may spend over all its renders (rules, merge fields,
         * test cases); what is left bounds each render further.
         */
        renderBudgetMs: positiveInt,
        /** Stops rendering a rule whose renders keep hitting limits (see docs/templates.md). */
        breaker: z
          .object({ threshold: positiveInt, windowMs: positiveInt, cooldownMs: positiveInt })
          .strict(),
        /** Parsed templates kept in memory (an LRU keyed by content hash). */
        compiledCacheSize: positiveInt,
        /** Users-permissions user fields templates may read as `user.attributes.<name>`. */
        userAttributes: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)),
      })
      .strict(),
    cache: z
      .object({
        /** Off makes every request decide afresh (the benchmark's "uncached" side). */
        enabled: z.boolean(),
        maxEntries: positiveInt,
        ttlMs: positiveInt,
        /** Redis shared between instances (decisions + change notices); null keeps the cache in process. */
        redisUrl: z
          .string()
          .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
          .nullable(),
        /**
         * Prefix of every Redis key and channel the plugin uses (decisions, change notices, rate
         * limits), so several deployments can share one Redis. Optional in input only.
         */
        redisKeyPrefix: z
          .string()
          .regex(/^[A-Za-z0-9:_-]{1,64}$/, 'must be 1–64 characters of A-Z a-z 0-9 : _ -')
          .default('pz:'),
        /**
         * The response cache: base query results of opted-in types, keyed by the normalized query
         * and the content revisions of every type it reads (docs/operations.md).
         */
        responses: z.object({ enabled: z.boolean(), maxEntries: positiveInt }).strict(),
      })
      .strict(),
    /** Prometheus metrics at /api/personalization/metrics (docs/operations.md). */
    metrics: z
      .object({
        enabled: z.boolean(),
        /** A bearer secret a scraper may send instead of an API token (at least 16 characters). */
        bearerSecret: z.string().min(16).nullable(),
      })
      .strict()
      .default({ enabled: false, bearerSecret: null }),
    flags: z
      .object({
        appName: z.string().min(1),
        /** A real Unleash server; when absent, the plugin's local flags are used. */
        unleash: z
          .object({
            url: z.url({ protocol: /^https?$/ }),
            apiToken: z.string().min(1),
            refreshIntervalMs: positiveInt,
            timeoutMs: positiveInt,
          })
          .strict()
          .nullable(),
      })
      .strict(),
    /** Shadow rules (docs/templates.md, "Shadow rules"). Optional in input only, as tagging. */
    shadow: z
      .object({
        /** Share of a shadowed rule's requests evaluated in shadow (a rule may set its own). */
        sampleRate: z.number().min(0).max(1),
        /** Evaluations waiting to run; when full, new ones are dropped and counted. */
        queueSize: positiveInt,
        /** How often the gathered counts are written to the database. */
        flushMs: positiveInt,
        /** Differing callers kept per rule as examples, and latest error messages kept. */
        examples: positiveInt,
        errors: positiveInt,
      })
      .strict()
      .default({ sampleRate: 0.1, queueSize: 1000, flushMs: 2000, examples: 20, errors: 20 }),
    /** The bandit reweighting job: when it wakes (each bandit then keeps its own cadence). */
    bandits: z.object({ cron }).strict().default({ cron: '* * * * *' }),
    /** Optional in input only: Strapi merges the defaults in before validating. */
    tagging: taggingConfigSchema.default(defaultTaggingConfig),
    audience: audienceConfigSchema.default(defaultAudienceConfig),
    privacy: privacyConfigSchema.default(defaultPrivacyConfig),
    recommendations: recommendationsConfigSchema.default(defaultRecommendationsConfig),
  })
  .strict();

export type PluginConfig = z.infer<typeof pluginConfigSchema>;

export const defaultConfig: PluginConfig = {
  delivery: {
    enabled: true,
  },
  rules: {
    sandbox: {
      parseLimit: 64 * 1024,
      renderLimitMs: 50,
      memoryLimit: 100_000,
      outputLimit: 4 * 1024,
    },
    renderBudgetMs: 100,
    breaker: { threshold: 5, windowMs: 60_000, cooldownMs: 60_000 },
    compiledCacheSize: 500,
    userAttributes: [],
  },
  cache: {
    enabled: true,
    maxEntries: 10_000,
    ttlMs: 5 * 60 * 1000,
    redisUrl: null,
    redisKeyPrefix: 'pz:',
    responses: { enabled: true, maxEntries: 2000 },
  },
  metrics: { enabled: false, bearerSecret: null },
  flags: {
    appName: 'strapi-personalization',
    unleash: null,
  },
  shadow: { sampleRate: 0.1, queueSize: 1000, flushMs: 2000, examples: 20, errors: 20 },
  bandits: { cron: '* * * * *' },
  tagging: defaultTaggingConfig,
  audience: defaultAudienceConfig,
  privacy: defaultPrivacyConfig,
  recommendations: defaultRecommendationsConfig,
};
