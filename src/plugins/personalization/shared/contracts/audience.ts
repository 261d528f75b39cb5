/** Audience records as the segment, clustering, profile and erasure routes answer them. */

import type { z } from 'zod';
import type { createSegmentSchema } from '../../server/src/validation/audience-input';

/** Body of `POST /segments` (the server's schema). */
export type CreateSegmentBody = z.input<typeof createSegmentSchema>;

export interface SegmentRecord {
  name: string;
  description: string | null;
  enabled: boolean;
  /** The JSON condition (docs/segments.md). */
  condition: unknown;
  members: number;
  createdAt?: string;
  updatedAt?: string;
  /**
   * One segment (`GET /segments/:name`, create, update): its latest re-evaluation job, run after
   * every create or update; null before the first. Not in the list.
   */
  reevaluation?: SegmentReevaluation | null;
}

/** A queued re-evaluation of every profile against a segment's definition. */
export interface SegmentReevaluation {
  id: number;
  status: 'pending' | 'running' | 'done' | 'failed';
  /** Profiles re-evaluated so far, of `total` (null until the job starts). */
  done: number;
  total: number | null;
  attempts: number;
  lastError: string | null;
}

/** One row of `GET /segments/:name/members`: a member as a pseudonym, never a raw id. */
export interface SegmentMember {
  subjectKey: string;
  /** `rule` or `cluster`. */
  source: string;
  since: string;
}

export interface ClusteringRunRecord {
  id: number;
  ranAt: string;
  k: number;
  profiles: number;
  silhouette: number | null;
  /** Adjusted Rand Index against the previous run, over the callers both clustered. */
  ari: number | null;
  compared: number;
  sizes: Record<string, number>;
  features: string[];
}

export interface ProfileViewRecord {
  visits: number;
  events: number;
  sessions: number;
  firstSeen: string | null;
  lastSeen: string | null;
  recencyDays: number | null;
  frequency: number;
  monetary: number;
  conversions: number;
  affinities: Record<string, number>;
  topTags: string[];
  device: string | null;
}

export interface CallerProfileRecord {
  subject: 'user' | 'visitor';
  consent: { personalization: boolean; analytics: boolean };
  profile: ProfileViewRecord | null;
  segments: string[];
}

export interface ErasureCountsRecord {
  events: number;
  profiles: number;
  consents: number;
  /** Consent history rows. */
  consentHistory: number;
  segments: number;
  identities: number;
  /** Experiment assignments and exposures. */
  experiments: number;
}
