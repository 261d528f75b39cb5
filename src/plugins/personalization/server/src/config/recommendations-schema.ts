import { z } from 'zod';

const cron = z
  .string()
  .regex(/^(\S+\s+){4,5}\S+$/, 'must be a cron expression such as "0 3 * * *"');
const share = z.number().min(0).max(1);

/** The `recommendations` section (docs/recommendations.md). Unknown keys are rejected. */
export const recommendationsConfigSchema = z
  .object({
    /** Share of list slots given to less-exposed entries. */
    explorationShare: share,
    /** MMR trade-off between relevance (1) and diversity (0). */
    mmrLambda: share,
    /** Largest `limit` a caller may ask for. */
    maxLimit: z.number().int().min(1).max(100),
    /** How long a trained model (co-engagement, popularity) serves before it is rebuilt from the events. */
    modelTtlMs: z.number().int().min(1000).max(86_400_000),
    /** Ranked lists kept in memory, keyed by caller profile revision and content revision. */
    cacheSize: z.number().int().min(0).max(1_000_000),
    /** Days an issued list can still be credited by events sent back with its id. */
    listRetentionDays: z.number().int().min(1).max(3650),
    /** Days of logged events the model learns from. */
    windowDays: z.number().int().min(1).max(3650),
    audit: z
      .object({
        enabled: z.boolean(),
        cron,
        /** Weeks recomputed by each run (the current one included). */
        weeks: z.number().int().min(1).max(520),
        /** Bits of tag entropy a segment may lose from one week to the next before a warning. */
        entropyDropWarning: z.number().min(0).max(20),
      })
      .strict(),
  })
  .strict();

export type RecommendationsConfig = z.infer<typeof recommendationsConfigSchema>;

export const defaultRecommendationsConfig: RecommendationsConfig = {
  explorationShare: 0.1,
  mmrLambda: 0.7,
  maxLimit: 50,
  modelTtlMs: 60_000,
  cacheSize: 20_000,
  windowDays: 90,
  listRetentionDays: 30,
  audit: { enabled: true, cron: '15 4 * * *', weeks: 12, entropyDropWarning: 0.5 },
};
