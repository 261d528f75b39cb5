import type { ProfileEvent } from '../events/types';
import { eventWeight } from './event-weight';
import type { Profile, ProfileOptions } from './types';
import { weightMap, weightRecord } from './weight-record';

/** Session ids remembered to count distinct sessions. */
export const RECENT_SESSIONS = 100;
/** Tags kept per profile; the weakest are dropped beyond this. */
export const MAX_AFFINITIES = 50;

const DAY_MS = 86_400_000;

export const emptyProfile = (): Profile => ({
  visits: 0,
  events: 0,
  sessions: 0,
  recentSessions: [],
  firstSeen: null,
  lastSeen: null,
  conversions: 0,
  monetary: 0,
  affinities: weightRecord([]),
  affinityTime: null,
  devices: weightRecord([]),
  device: null,
});

/** 2^(-Δt / half-life): what a weight from `from` is worth at `to`. */
export const decayFactor = (from: number, to: number, halfLifeDays: number): number =>
  Math.pow(2, -(to - from) / (halfLifeDays * DAY_MS));

const normalizeLabel = (label: string): string => label.trim().toLowerCase();

const keepStrongest = (affinities: Map<string, number>): Record<string, number> => {
  const entries = [...affinities];
  if (entries.length > MAX_AFFINITIES) {
    entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }
  return weightRecord(entries.slice(0, MAX_AFFINITIES));
};

/**
 * Adds events to a profile without reading the events before them. Tag weights are kept as of the
 * latest event time R: an event at t adds w·2^(-(R−t)/h), so the result does not depend on the
 * order events arrive in.
 */
export const applyEvents = (
  profile: Profile,
  events: readonly ProfileEvent[],
  options: ProfileOptions
): Profile => {
  const next: Profile = { ...profile, recentSessions: [...profile.recentSessions] };
  // Maps while summing: labels such as "constructor" or "__proto__" are plain keys there.
  const affinities = weightMap(profile.affinities);
  const devices = weightMap(profile.devices);
  for (const event of events) {
    next.events += 1;
    if (event.type === 'view') next.visits += 1;
    if (event.type === 'conversion') {
      next.conversions += 1;
      next.monetary += event.value ?? 0;
    }
    if (!next.recentSessions.includes(event.sessionId)) {
      next.sessions += 1;
      next.recentSessions.push(event.sessionId);
      if (next.recentSessions.length > RECENT_SESSIONS) next.recentSessions.shift();
    }
    if (next.firstSeen === null || event.time < next.firstSeen) next.firstSeen = event.time;
    if (next.lastSeen === null || event.time >= next.lastSeen) {
      next.lastSeen = event.time;
      if (event.device) next.device = event.device;
    }
    if (event.device) devices.set(event.device, (devices.get(event.device) ?? 0) + 1);

    const weight = eventWeight(event);
    if (weight <= 0 || event.tags.length === 0) continue;
    if (next.affinityTime === null || event.time > next.affinityTime) {
      const factor =
        next.affinityTime === null
          ? 1
          : decayFactor(next.affinityTime, event.time, options.halfLifeDays);
      for (const [label, current] of affinities) affinities.set(label, current * factor);
      next.affinityTime = event.time;
    }
    const worth = weight * decayFactor(event.time, next.affinityTime, options.halfLifeDays);
    for (const label of new Set(event.tags.map(normalizeLabel))) {
      if (label) affinities.set(label, (affinities.get(label) ?? 0) + worth);
    }
  }
  next.affinities = keepStrongest(affinities);
  next.devices = weightRecord(devices);
  return next;
};
