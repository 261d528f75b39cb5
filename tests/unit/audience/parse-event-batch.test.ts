import {
  EventBatchError,
  parseEventBatch,
} from '../../../src/plugins/personalization/server/src/core/audience/events/parse-event-batch';

const NOW = Date.parse('2026-06-01T12:00:00.000Z');
const options = {
  now: NOW,
  maxBatch: 5,
  maxAgeMs: 7 * 86_400_000,
  maxFutureMs: 300_000,
  contentTypes: new Set(['api::article.article']),
};
const good = {
  id: 'e1',
  type: 'view',
  entry: { uid: 'api::article.article', documentId: 'abc123' },
  timestamp: '2026-06-01T11:59:00.000Z',
  sessionId: 's1',
};

const problemOf = (
  body: unknown
): { message: string; index: number | null; field: string | null } => {
  try {
    parseEventBatch(body, options);
  } catch (error) {
    if (error instanceof EventBatchError) {
      return { message: error.message, index: error.index, field: error.field };
    }
    throw error;
  }
  throw new Error('the batch was accepted');
};

describe('parseEventBatch', () => {
  it('accepts a valid batch and keeps every field', () => {
    const events = parseEventBatch(
      { events: [good, { ...good, id: 'e2', type: 'dwell', value: 5000 }] },
      options
    );
    expect(events).toHaveLength(2);
    expect(events[1]).toEqual({ ...good, id: 'e2', type: 'dwell', value: 5000 });
  });

  it('keeps a custom event’s name', () => {
    const [event] = parseEventBatch(
      { events: [{ ...good, type: 'custom', name: 'add-to-cart', value: 3 }] },
      options
    );
    expect(event).toMatchObject({ type: 'custom', name: 'add-to-cart', value: 3 });
  });

  it('keeps the recommendation list of a view or a click', () => {
    const list = 'rec-0123456789abcdef';
    const events = parseEventBatch(
      {
        events: [
          { ...good, list },
          { ...good, id: 'e2', type: 'click', list },
        ],
      },
      options
    );
    expect(events.map((event) => event.list)).toEqual([list, list]);
  });

  it.each([
    [
      'a list on a dwell',
      { events: [{ ...good, type: 'dwell', value: 10, list: 'rec-0123456789abcdef' }] },
      0,
      'list',
      /only a view or click event takes a list/,
    ],
    [
      'a list that is not a list id',
      { events: [{ ...good, list: 'rec-XYZ' }] },
      0,
      'list',
      /must be a recommendation list id/,
    ],
    ['a body that is not an object', 'nope', null, null, /events/],
    ['no events key', { event: [] }, null, null, /events/],
    ['an empty batch', { events: [] }, null, null, /at least one/],
    [
      'too many events',
      { events: Array.from({ length: 6 }, (_, i) => ({ ...good, id: `e${i}` })) },
      null,
      null,
      /at most 5/,
    ],
    ['an unknown field', { events: [{ ...good, extra: 1 }] }, 0, 'extra', /not a known field/],
    ['an unknown type', { events: [{ ...good, type: 'hover' }] }, 0, 'type', /./],
    [
      'a name on a view',
      { events: [{ ...good, name: 'signup' }] },
      0,
      'name',
      /only a custom event takes a name/,
    ],
    [
      'a custom event name with capitals and spaces',
      { events: [{ ...good, type: 'custom', name: 'Sign Up' }] },
      0,
      'name',
      /must be 1-64 characters of a-z/,
    ],
    ['a value on a view', { events: [{ ...good, value: 3 }] }, 0, 'value', /takes no value/],
    [
      'a scroll over 100',
      { events: [{ ...good, type: 'scroll', value: 101 }] },
      0,
      'value',
      /between 0 and 100/,
    ],
    [
      'a dwell without value',
      { events: [{ ...good, type: 'dwell' }] },
      0,
      'value',
      /needs a value/,
    ],
    [
      'a view without entry',
      { events: [{ ...good, entry: undefined }] },
      0,
      'entry',
      /needs an entry/,
    ],
    [
      'a type that did not opt in',
      { events: [{ ...good, entry: { uid: 'api::page.page', documentId: 'x' } }] },
      0,
      'entry.uid',
      /opted in/,
    ],
    [
      'a timestamp 8 days old',
      { events: [{ ...good, timestamp: '2026-05-24T11:00:00.000Z' }] },
      0,
      'timestamp',
      /past/,
    ],
    [
      'a timestamp 10 minutes ahead',
      { events: [{ ...good, timestamp: '2026-06-01T12:10:00.000Z' }] },
      0,
      'timestamp',
      /future/,
    ],
    ['a repeated id', { events: [good, good] }, 1, 'id', /repeats/],
    [
      'a bad second event',
      { events: [good, { ...good, id: 'e2', sessionId: '' }] },
      1,
      'sessionId',
      /./,
    ],
    [
      'a bad documentId',
      { events: [{ ...good, entry: { uid: 'api::article.article', documentId: '../x' } }] },
      0,
      'entry.documentId',
      /documentId/,
    ],
    [
      'an own __proto__ key',
      {
        events: [
          JSON.parse(
            `{"__proto__":{"x":1},"id":"p","type":"view","timestamp":"2026-06-01T11:59:00.000Z","sessionId":"s"}`
          ),
        ],
      },
      0,
      '__proto__',
      /not a known field/,
    ],
  ])('rejects %s', (_name, body, index, field, message) => {
    const problem = problemOf(body);
    expect(problem.index).toBe(index);
    expect(problem.field).toBe(field);
    expect(problem.message).toMatch(message);
    if (index !== null) expect(problem.message.startsWith(`events[${index}]`)).toBe(true);
  });
});
