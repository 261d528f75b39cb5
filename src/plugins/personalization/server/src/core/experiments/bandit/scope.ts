import { DEFAULT_BANDIT_SETTINGS, type BanditConfig, type BanditSettings } from './types';

/** The global bandit's scope key (callers outside every listed segment). */
export const GLOBAL_SCOPE = '*';

/**
 * The bandit a caller belongs to: the first listed segment they are in, else the global one.
 * Listing order decides for callers in several listed segments.
 */
export const banditScopeOf = (
  config: BanditConfig | null | undefined,
  callerSegments: readonly string[]
): string => {
  const listed = config?.segments ?? [];
  return listed.find((entry) => callerSegments.includes(entry.segment))?.segment ?? GLOBAL_SCOPE;
};

/** Every scope of a bandit: the global one first, then the listed segments. */
export const banditScopes = (config: BanditConfig | null | undefined): string[] => [
  GLOBAL_SCOPE,
  ...(config?.segments ?? []).map((entry) => entry.segment),
];

/** A scope's settings: the defaults, overridden by the experiment's, then by the segment's own. */
export const settingsFor = (
  config: BanditConfig | null | undefined,
  scope: string
): BanditSettings => ({
  ...DEFAULT_BANDIT_SETTINGS,
  ...config?.settings,
  ...(config?.segments ?? []).find((entry) => entry.segment === scope)?.settings,
});
