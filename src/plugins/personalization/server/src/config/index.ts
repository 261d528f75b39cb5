import { defaultConfig, pluginConfigSchema } from './schema';

export type { PluginConfig } from './schema';

/** Turns the first problems of a config into one readable sentence per key. */
const describeConfigProblems = (config: unknown): string[] => {
  const parsed = pluginConfigSchema.safeParse(config);
  if (parsed.success) {
    return [];
  }
  return parsed.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return `${where}: ${issue.message}`;
  });
};

export default {
  default: defaultConfig,
  validator(config: unknown): void {
    const problems = describeConfigProblems(config);
    if (problems.length > 0) {
      throw new Error(
        `invalid plugin configuration (config/plugins.ts → personalization.config):\n${problems.map((problem) => `  - ${problem}`).join('\n')}`
      );
    }
  },
};
