import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_ENTITY_POLICY,
  ENTITY_TYPES,
  type EntityType,
} from '../core/tagging/selection/entity-policy';

const perEntityType = <T extends z.ZodTypeAny>(value: T) =>
  z
    .object(Object.fromEntries(ENTITY_TYPES.map((type) => [type, value])) as Record<EntityType, T>)
    .strict();

/** Which entities become tags (docs/tagging.md): types on or off, confidence floors, a cap. */
const entitiesSchema = z
  .object({
    types: perEntityType(z.boolean()),
    minConfidence: perEntityType(z.number().min(0).max(1)),
    maxPerType: z.number().int().min(0).max(100),
  })
  .strict();

const positiveInt = (max: number) => z.number().int().min(1).max(max);

/** The `tagging` section of the plugin config: queue, limits and models. Unknown keys are rejected. */
export const taggingConfigSchema = z
  .object({
    /** Off: saves enqueue nothing and no worker runs (tags already stored are still served). */
    enabled: z.boolean(),
    /** Jobs processed at the same time by this process. */
    concurrency: positiveInt(32),
    /** Jobs claimed per poll, and documents read per page by a rescan. */
    batchSize: positiveInt(500),
    /** Attempts before a job ends in the failed state. */
    maxAttempts: positiveInt(20),
    /** Delay before the second attempt; doubles each time up to backoffMaxMs. */
    backoffMs: z.number().int().min(0).max(3_600_000),
    backoffMaxMs: z.number().int().min(0).max(86_400_000),
    /**
     * How long a claimed job stays with its instance without a renewal. The holder renews three
     * times per lease while it runs; a job whose holder died is claimed again once it expires.
     */
    leaseMs: z.number().int().min(1000).max(3_600_000),
    /**
     * Pause after each entry of a rescan, so a full rescan leaves CPU and database time to the
     * requests this instance serves (0: no pause).
     */
    rescanPauseMs: z.number().int().min(0).max(60_000),
    /** How often the worker looks for due jobs when it was not woken by a save. */
    pollIntervalMs: z.number().int().min(10).max(600_000),
    /** Jobs wait until saves have paused this long, so bursts of edits are not slowed by tagging… */
    settleMs: z.number().int().min(0).max(60_000),
    /** …but never longer than this after the first save of a burst. */
    settleMaxMs: z.number().int().min(0).max(600_000),
    /** Text longer than this is cut before the models see it (the cut is counted). */
    maxTextLength: positiveInt(1_000_000),
    /** Keyword tags kept per entry. */
    topKeywords: z.number().int().min(0).max(100),
    /** Folder of local transformers.js models (one sub-folder per model). */
    modelsDir: z.string().min(1),
    /** Allow transformers.js to download a model missing from modelsDir. */
    allowRemoteModels: z.boolean(),
    /**
     * NER model folder under modelsDir: the bundled trained tagger (ner-bilstm-conll03) or a
     * transformers.js token-classification model; null uses the rule-based offline NER.
     */
    nerModel: z.string().min(1).nullable(),
    entities: entitiesSchema,
    /** transformers.js feature-extraction model name; null stores no embeddings. */
    embeddingModel: z.string().min(1).nullable(),
  })
  .strict()
  .refine((config) => config.backoffMaxMs >= config.backoffMs, {
    message: 'backoffMaxMs must be at least backoffMs',
    path: ['backoffMaxMs'],
  });

export type TaggingConfig = z.infer<typeof taggingConfigSchema>;

/** The models shipped with the plugin (built by scripts/models/build-embedding-model.js). */
export const BUNDLED_MODELS_DIR = ((): string => {
  // The same file runs from server/src (tests) and dist/server/src (Strapi): look upwards.
  let directory = __dirname;
  while (!fs.existsSync(path.join(directory, 'models', 'glove-static-100d-q8'))) {
    const parent = path.dirname(directory);
    if (parent === directory) {
      return path.resolve(__dirname, 'models');
    }
    directory = parent;
  }
  return path.join(directory, 'models');
})();

export const defaultTaggingConfig: TaggingConfig = {
  enabled: true,
  concurrency: 2,
  batchSize: 20,
  maxAttempts: 5,
  backoffMs: 2000,
  backoffMaxMs: 60_000,
  leaseMs: 60_000,
  rescanPauseMs: 0,
  pollIntervalMs: 1000,
  settleMs: 250,
  settleMaxMs: 3000,
  maxTextLength: 20_000,
  topKeywords: 3,
  modelsDir: BUNDLED_MODELS_DIR,
  allowRemoteModels: false,
  nerModel: 'ner-bilstm-conll03',
  entities: DEFAULT_ENTITY_POLICY,
  embeddingModel: 'glove-static-100d-q8',
};
