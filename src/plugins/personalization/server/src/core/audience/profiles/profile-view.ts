import { decayFactor } from './apply-events';
import type { Profile, ProfileOptions, ProfileView } from './types';
import { weightMap, weightRecord } from './weight-record';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const TOP_TAGS = 5;

const round2 = (value: number): number => Math.round(value * 100) / 100;
const iso = (time: number | null): string | null =>
  time === null ? null : new Date(time).toISOString();

/**
 * The profile as templates and segments read it. Weights are decayed to the start of the current
 * hour and rounded, so the view (and every decision cached on it) changes at most hourly.
 */
export const profileView = (
  profile: Profile,
  now: number,
  options: ProfileOptions
): ProfileView => {
  const hour = Math.floor(now / HOUR_MS) * HOUR_MS;
  const factor =
    profile.affinityTime === null || profile.affinityTime >= hour
      ? 1
      : decayFactor(profile.affinityTime, hour, options.halfLifeDays);
  const weighted = [...weightMap(profile.affinities)]
    .map(([label, weight]) => [label, round2(weight * factor)] as const)
    .filter(([, weight]) => weight > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return {
    visits: profile.visits,
    events: profile.events,
    sessions: profile.sessions,
    firstSeen: iso(profile.firstSeen),
    lastSeen: iso(profile.lastSeen),
    recencyDays:
      profile.lastSeen === null ? null : Math.max(0, Math.floor((now - profile.lastSeen) / DAY_MS)),
    frequency: profile.sessions,
    monetary: round2(profile.monetary),
    conversions: profile.conversions,
    affinities: weightRecord(weighted),
    topTags: weighted.slice(0, TOP_TAGS).map(([label]) => label),
    device: profile.device,
  };
};
