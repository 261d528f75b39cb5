/** A caller's profile as stored: aggregates updated one event at a time. */
export interface Profile {
  /** View events. */
  visits: number;
  /** Every event counted into the profile. */
  events: number;
  /** Distinct session ids seen (exact as long as a session comes back within the last RECENT_SESSIONS). */
  sessions: number;
  recentSessions: string[];
  /** Epoch ms of the earliest and latest event. */
  firstSeen: number | null;
  lastSeen: number | null;
  conversions: number;
  /** Sum of conversion values (revenue). */
  monetary: number;
  /** Tag label → decayed weight, as of `affinityTime`. */
  affinities: Record<string, number>;
  affinityTime: number | null;
  /** Device class → events seen from it; `device` is the one of the latest event. */
  devices: Record<string, number>;
  device: string | null;
}

export interface ProfileOptions {
  /** Days after which a tag's weight counts half. */
  halfLifeDays: number;
}

/**
 * What templates (`user.profile`), segments and `GET /me` see: stable within the hour. A type
 * alias, not an interface, so it is assignable to the templates' `Record<string, unknown>`.
 */
export type ProfileView = {
  visits: number;
  events: number;
  sessions: number;
  firstSeen: string | null;
  lastSeen: string | null;
  /** Whole days since the last event. */
  recencyDays: number | null;
  /** RFM frequency: the number of sessions. */
  frequency: number;
  /** RFM monetary: the sum of conversion values. */
  monetary: number;
  conversions: number;
  /** Tag label → weight decayed to the start of the current hour, two decimals. */
  affinities: Record<string, number>;
  /** Labels by weight, highest first (at most five). */
  topTags: string[];
  device: string | null;
};
