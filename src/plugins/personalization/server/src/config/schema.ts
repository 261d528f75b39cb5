import { z } from 'zod';
import { defaultTaggingConfig, taggingConfigSchema } from './tagging-schema';

/** The plugin's configuration; unknown keys are rejected so a typo stops boot instead of being ignored. */
export const pluginConfigSchema = z
  .object({
    delivery: z
      .object({
        /** Master switch for per-caller delivery on the content API; off serves base content to everyone. */
        enabled: z.boolean(),
      })
      .strict(),
    /** Optional in input only: Strapi merges the defaults in before validating. */
    tagging: taggingConfigSchema.default(defaultTaggingConfig),
  })
  .strict();

export type PluginConfig = z.infer<typeof pluginConfigSchema>;

export const defaultConfig: PluginConfig = {
  delivery: {
    enabled: true,
  },
  tagging: defaultTaggingConfig,
};
