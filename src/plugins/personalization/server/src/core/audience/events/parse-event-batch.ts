import { z } from 'zod';
import { EVENT_TYPES, type EventLimits, type TrackedEvent } from './types';

const CLIENT_ID = /^[A-Za-z0-9_.:-]{1,128}$/;
const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** A custom event's name: lower-case words joined by `-`, `_`, `.` or `:`. */
export const EVENT_NAME = /^[a-z0-9][a-z0-9_.:-]{0,63}$/;
/** A recommendation list id as `GET /recommendations/:uid` hands it out (`rec-` and 16 hex digits). */
export const LIST_ID = /^rec-[0-9a-f]{16}$/;
/** Only what a reader does with a listed item is attributed to the list. */
const TAKES_LIST = new Set<TrackedEvent['type']>(['view', 'click']);
const CONTENT_TYPE_UID = /^[a-z0-9-]+::[a-z0-9-]+\.[a-z0-9-]+$/;

/** What `value` means per type, and the range it must be in. Absent means the type takes no value. */
const VALUE_RANGES: Record<TrackedEvent['type'], { min: number; max: number } | null> = {
  view: null,
  click: null,
  dwell: { min: 0, max: 24 * 60 * 60 * 1000 },
  scroll: { min: 0, max: 100 },
  conversion: { min: 0, max: 1e9 },
  custom: { min: -1e12, max: 1e12 },
};

const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];

const NEEDS_ENTRY = new Set<TrackedEvent['type']>(['view', 'click', 'dwell', 'scroll']);

/** The first problem of a batch: which event, which field, and what is wrong. */
export class EventBatchError extends Error {
  readonly index: number | null;
  readonly field: string | null;

  constructor(index: number | null, field: string | null, problem: string) {
    const where = index === null ? 'events' : `events[${index}]${field ? `.${field}` : ''}`;
    super(`${where}: ${problem}`);
    this.name = 'EventBatchError';
    this.index = index;
    this.field = field;
  }
}

const eventSchema = z
  .object({
    id: z.string().regex(CLIENT_ID, 'must be 1-128 characters of A-Z a-z 0-9 _ . : -'),
    type: z.enum(EVENT_TYPES),
    name: z
      .string()
      .regex(
        EVENT_NAME,
        'must be 1-64 characters of a-z 0-9 _ . : - (starting with a letter or digit)'
      )
      .optional(),
    entry: z
      .object({
        uid: z.string().regex(CONTENT_TYPE_UID, 'must be a content-type uid'),
        documentId: z.string().regex(DOCUMENT_ID, 'must be a documentId'),
      })
      .strict()
      .optional(),
    value: z.number().finite().optional(),
    list: z
      .string()
      .regex(LIST_ID, 'must be a recommendation list id ("rec-" and 16 hex digits)')
      .optional(),
    timestamp: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }),
    sessionId: z.string().regex(CLIENT_ID, 'must be 1-128 characters of A-Z a-z 0-9 _ . : -'),
  })
  .strict();

const batchSchema = z.object({ events: z.array(z.unknown()) }).strict();

const fieldOf = (path: readonly PropertyKey[]): string =>
  path.map((part) => (typeof part === 'number' ? `[${part}]` : String(part))).join('.');

/** Checks what the schema cannot: value ranges per type, entries, time window, duplicate ids. */
const checkEvent = (
  event: TrackedEvent,
  index: number,
  options: EventLimits & { now: number; contentTypes: ReadonlySet<string> }
): void => {
  if (event.name !== undefined && event.type !== 'custom') {
    throw new EventBatchError(index, 'name', `only a custom event takes a name`);
  }
  if (event.list !== undefined && !TAKES_LIST.has(event.type)) {
    throw new EventBatchError(index, 'list', `only a view or click event takes a list`);
  }
  const range = VALUE_RANGES[event.type];
  if (range === null && event.value !== undefined) {
    throw new EventBatchError(index, 'value', `a ${event.type} event takes no value`);
  }
  if (range && event.value === undefined && event.type !== 'custom') {
    throw new EventBatchError(index, 'value', `a ${event.type} event needs a value`);
  }
  if (range && event.value !== undefined && (event.value < range.min || event.value > range.max)) {
    throw new EventBatchError(
      index,
      'value',
      `must be between ${range.min} and ${range.max} for a ${event.type} event`
    );
  }
  if (NEEDS_ENTRY.has(event.type) && !event.entry) {
    throw new EventBatchError(index, 'entry', `a ${event.type} event needs an entry`);
  }
  if (event.entry && !options.contentTypes.has(event.entry.uid)) {
    throw new EventBatchError(
      index,
      'entry.uid',
      `"${event.entry.uid}" is not a content type that opted in to personalization`
    );
  }
  const time = Date.parse(event.timestamp);
  if (time < options.now - options.maxAgeMs) {
    throw new EventBatchError(
      index,
      'timestamp',
      `is more than ${Math.round(options.maxAgeMs / 3_600_000)} hours in the past`
    );
  }
  if (time > options.now + options.maxFutureMs) {
    throw new EventBatchError(
      index,
      'timestamp',
      `is more than ${Math.round(options.maxFutureMs / 1000)} seconds in the future`
    );
  }
};

/**
 * Validates a batch `{ events: [...] }` as a whole: the first bad event rejects all of them, with
 * an error naming its index and field. Duplicate ids inside one batch are an error too (a retry
 * resends the whole batch; a batch repeating an id is a client bug).
 */
export const parseEventBatch = (
  body: unknown,
  options: EventLimits & { now: number; contentTypes: ReadonlySet<string> }
): TrackedEvent[] => {
  const batch = batchSchema.safeParse(body);
  if (!batch.success) {
    const issue = batch.error.issues[0];
    const field = fieldOf(issue.path);
    throw new EventBatchError(
      null,
      null,
      field === 'events' || field === ''
        ? `the body must be { "events": [...] } (${issue.message})`
        : `${field}: ${issue.message}`
    );
  }
  const raw = batch.data.events;
  if (raw.length === 0) throw new EventBatchError(null, null, 'must hold at least one event');
  if (raw.length > options.maxBatch) {
    throw new EventBatchError(null, null, `must hold at most ${options.maxBatch} events`);
  }
  const seen = new Set<string>();
  return raw.map((candidate, index) => {
    // zod's strict objects let an own "__proto__" key (from JSON.parse) through.
    for (const key of FORBIDDEN_KEYS) {
      if (candidate !== null && typeof candidate === 'object' && Object.hasOwn(candidate, key)) {
        throw new EventBatchError(index, key, 'is not a known field');
      }
    }
    const parsed = eventSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
      const message = issue.code === 'unrecognized_keys' ? 'is not a known field' : issue.message;
      throw new EventBatchError(index, fieldOf(path) || null, message);
    }
    const event = parsed.data as TrackedEvent;
    checkEvent(event, index, options);
    if (seen.has(event.id)) {
      throw new EventBatchError(index, 'id', `repeats the id of an earlier event in this batch`);
    }
    seen.add(event.id);
    return event;
  });
};
