import { SegmentationError } from './segmentation-error';

/** What segmentation needs of one visitor profile. */
export interface ProfileFeatureInput {
  /** Identifies the profile in the result (`keys`), e.g. the pseudonymized caller id. */
  key: string;
  recencyDays: number;
  frequency: number;
  monetary: number;
  /** Decayed, dwell-weighted counts per tag. */
  affinities: Record<string, number>;
  /** `desktop`, `mobile`, `tablet`; anything else or null is `other`. */
  device: string | null;
}

export interface FeatureOptions {
  /** How many tags, those with the largest affinity summed over all profiles, become features. */
  topTags: number;
}

export interface FeatureMatrix {
  /** Column names: recencyDays, frequency, monetary, affinity:<tag>…, device:<name>… */
  names: string[];
  /** Profile keys, in the order of `rows`. */
  keys: string[];
  rows: number[][];
}

export const DEVICE_CATEGORIES = ['desktop', 'mobile', 'tablet', 'other'] as const;
export type DeviceCategory = (typeof DEVICE_CATEGORIES)[number];

const deviceCategory = (device: string | null): DeviceCategory =>
  (DEVICE_CATEGORIES as readonly (string | null)[]).includes(device)
    ? (device as DeviceCategory)
    : 'other';

const assertProfile = (profile: ProfileFeatureInput, index: number, seen: Set<string>): void => {
  const fail = (problem: string): never => {
    throw new SegmentationError('invalid-profile', `profile ${index} (${profile.key}): ${problem}`);
  };
  if (profile.key === '') fail('key must not be empty');
  if (seen.has(profile.key)) fail('key appears more than once');
  seen.add(profile.key);
  if (!Number.isFinite(profile.recencyDays)) fail('recencyDays must be a finite number');
  for (const name of ['frequency', 'monetary'] as const) {
    if (!Number.isFinite(profile[name]) || profile[name] < 0) {
      fail(`${name} must be a finite number ≥ 0 (got ${profile[name]})`);
    }
  }
  for (const [tag, affinity] of Object.entries(profile.affinities)) {
    if (!Number.isFinite(affinity)) fail(`affinity for "${tag}" must be a finite number`);
  }
};

/** Tags ordered by summed affinity (largest first, ties by name); tags summing to ≤ 0 never win. */
const topTagsByAffinity = (profiles: readonly ProfileFeatureInput[], count: number): string[] => {
  // A Map, not an object: tag names come from content and may be "__proto__".
  const totals = new Map<string, number>();
  for (const profile of profiles) {
    for (const [tag, affinity] of Object.entries(profile.affinities)) {
      totals.set(tag, (totals.get(tag) ?? 0) + affinity);
    }
  }
  return [...totals]
    .filter(([, total]) => total > 0)
    .sort(([tagA, totalA], [tagB, totalB]) =>
      totalA !== totalB ? totalB - totalA : tagA < tagB ? -1 : tagA > tagB ? 1 : 0
    )
    .slice(0, count)
    .map(([tag]) => tag);
};

/**
 * One row of features per profile, for standardize() then clusterProfiles().
 *
 * frequency and monetary are log1p-transformed: both are heavy-tailed (a few heavy buyers or
 * bots), and K-Means minimizes squared distances, so untransformed they would pull a centroid
 * each onto the few outliers. log1p keeps 0 at 0 and keeps the order. Recency is bounded by
 * the retention window and stays linear; affinities are already decayed counts.
 */
export const buildFeatures = (
  profiles: readonly ProfileFeatureInput[],
  options: FeatureOptions
): FeatureMatrix => {
  if (!Number.isInteger(options.topTags) || options.topTags < 0) {
    throw new SegmentationError(
      'invalid-option',
      `topTags must be an integer ≥ 0 (got ${options.topTags})`
    );
  }
  const seen = new Set<string>();
  profiles.forEach((profile, index) => assertProfile(profile, index, seen));

  const tags = topTagsByAffinity(profiles, options.topTags);
  const names = [
    'recencyDays',
    'frequency',
    'monetary',
    ...tags.map((tag) => `affinity:${tag}`),
    ...DEVICE_CATEGORIES.map((device) => `device:${device}`),
  ];
  const rows = profiles.map((profile) => {
    const device = deviceCategory(profile.device);
    return [
      profile.recencyDays,
      Math.log1p(profile.frequency),
      Math.log1p(profile.monetary),
      ...tags.map((tag) => (Object.hasOwn(profile.affinities, tag) ? profile.affinities[tag] : 0)),
      ...DEVICE_CATEGORIES.map((category) => (category === device ? 1 : 0)),
    ];
  });
  return { names, keys: profiles.map((profile) => profile.key), rows };
};
