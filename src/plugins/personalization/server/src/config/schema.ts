import { z } from 'zod';

/** The plugin's configuration; unknown keys are rejected so a typo stops boot instead of being ignored. */
export const pluginConfigSchema = z
  .object({
    delivery: z
      .object({
        /** Master switch for per-caller delivery on the content API; off serves base content to everyone. */
        enabled: z.boolean(),
      })
      .strict(),
  })
  .strict();

export type PluginConfig = z.infer<typeof pluginConfigSchema>;

export const defaultConfig: PluginConfig = {
  delivery: {
    enabled: true,
  },
};
