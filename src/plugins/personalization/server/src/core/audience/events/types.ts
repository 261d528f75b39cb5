export const EVENT_TYPES = ['view', 'click', 'dwell', 'scroll', 'conversion', 'custom'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** One tracked event as the client sends it (after validation). */
export interface TrackedEvent {
  /** The client's own id for the event: a retry with the same id is stored once. */
  id: string;
  type: EventType;
  /** A custom event's name (`signup`, `add-to-cart`): experiment metrics count custom events by it. */
  name?: string;
  entry?: { uid: string; documentId: string };
  /** Dwell milliseconds, scroll percent, revenue, or a custom number. */
  value?: number;
  /** The recommendation list the entry was shown in (view and click only): attributes engagement to it. */
  list?: string;
  /** When it happened, ISO 8601. */
  timestamp: string;
  sessionId: string;
}

/** An event ready for the profile: its time as a number and the labels of the entry it concerns. */
export interface ProfileEvent {
  type: EventType;
  value: number | null;
  time: number;
  sessionId: string;
  tags: readonly string[];
  device: string | null;
}

export interface EventLimits {
  maxBatch: number;
  /** How far in the past a timestamp may be. */
  maxAgeMs: number;
  /** How far in the future a timestamp may be (clock skew of the client). */
  maxFutureMs: number;
}
