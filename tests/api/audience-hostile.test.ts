import { gzipSync } from 'node:zlib';
import { AUDIENCE_TABLE_NAMES, countRows, viewEvent } from '../helpers/audience';
import { startStrapi, type TestApp } from '../helpers/strapi';

/**
 * Hostile and malformed event batches: each is refused with 400, 401, 413 or 429 and leaves no row
 * in any audience table. Every case uses its own visitor (who consented to analytics), so a case
 * never hides behind another's rate limit.
 */
const MISSING_ID = 'nosuchentry0000000000000a';

describe('POST /api/personalization/events refuses bad input and stores nothing', () => {
  let app: TestApp;
  let documentId: string;
  let visitor = 0;

  beforeAll(async () => {
    app = await startStrapi({
      env: {
        PERSONALIZATION_EVENTS_RATE_LIMIT: '3',
        PERSONALIZATION_CONSENT_DEFAULT_ANALYTICS: 'true',
      },
    });
    const [first] = (await app.strapi
      .documents('api::article.article')
      .findMany({ limit: 1, status: 'published' })) as unknown as Array<{ documentId: string }>;
    documentId = first.documentId;
  });

  afterAll(async () => {
    await app?.destroy();
  });

  const good = (id = 'e1') => viewEvent(id, documentId);
  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
  const post = () => {
    visitor += 1;
    return app.http().post('/api/personalization/events').set('X-Visitor-Id', `hostile-${visitor}`);
  };

  const cases: Array<[string, () => ReturnType<typeof post>, number, RegExp]> = [
    [
      'a text body',
      () => post().set('Content-Type', 'text/plain').send('hello'),
      415,
      /Content-Type must be application\/json/,
    ],
    [
      'a form-encoded body',
      () =>
        post()
          .type('form')
          .send({ events: JSON.stringify([good()]) }),
      415,
      /Content-Type must be application\/json/,
    ],
    [
      'a gzip body of 1 KB that inflates to 900 KB',
      () =>
        post()
          .set('Content-Type', 'application/json')
          .set('Content-Encoding', 'gzip')
          // Raw bytes: superagent would otherwise JSON-encode the Buffer (its typing says string,
          // but node's superagent writes a Buffer as it is).
          .serialize(((body: Buffer) => body) as unknown as (body: unknown) => string)
          .send(
            gzipSync(JSON.stringify({ events: [{ ...good(), sessionId: 'z'.repeat(900_000) }] }))
          ),
      415,
      /Content-Encoding "gzip" is not accepted/,
    ],
    [
      'an event about an entry that does not exist',
      () =>
        post().send({
          events: [
            good('ok'),
            { ...good('ghost'), entry: { uid: 'api::article.article', documentId: MISSING_ID } },
          ],
        }),
      400,
      new RegExp(`events\\[1\\]\\.entry\\.documentId: .*"${MISSING_ID}"`),
    ],
    [
      'truncated JSON',
      () => post().set('Content-Type', 'application/json').send('{"events": ['),
      400,
      /./,
    ],
    ['a JSON array body', () => post().send([good()]), 400, /events/],
    ['events as a string', () => post().send({ events: 'x' }), 400, /events/],
    ['an empty batch', () => post().send({ events: [] }), 400, /at least one/],
    [
      '101 events',
      () => post().send({ events: Array.from({ length: 101 }, (_, i) => good(`e${i}`)) }),
      400,
      /at most 100/,
    ],
    ['an unknown top-level key', () => post().send({ events: [good()], extra: 1 }), 400, /extra/],
    [
      'an unknown event field',
      () => post().send({ events: [{ ...good(), userEmail: 'a@b.c' }] }),
      400,
      /events\[0\]\.userEmail/,
    ],
    [
      'an unknown type',
      () => post().send({ events: [{ ...good(), type: 'hover' }] }),
      400,
      /events\[0\]\.type/,
    ],
    [
      'a missing id',
      () => post().send({ events: [{ ...good(), id: undefined }] }),
      400,
      /events\[0\]\.id/,
    ],
    [
      'a 129-character id',
      () => post().send({ events: [good('x'.repeat(129))] }),
      400,
      /events\[0\]\.id/,
    ],
    ['an id with spaces', () => post().send({ events: [good('a b')] }), 400, /events\[0\]\.id/],
    ['a numeric id', () => post().send({ events: [{ ...good(), id: 5 }] }), 400, /events\[0\]\.id/],
    [
      'a timestamp that is not ISO',
      () => post().send({ events: [{ ...good(), timestamp: 'yesterday' }] }),
      400,
      /events\[0\]\.timestamp/,
    ],
    [
      'a timestamp 8 days old',
      () => post().send({ events: [{ ...good(), timestamp: hoursAgo(8 * 24) }] }),
      400,
      /events\[0\]\.timestamp: .*past/,
    ],
    [
      'a timestamp 10 minutes ahead',
      () => post().send({ events: [{ ...good(), timestamp: hoursAgo(-1 / 6) }] }),
      400,
      /events\[0\]\.timestamp: .*future/,
    ],
    [
      'a missing sessionId',
      () => post().send({ events: [{ ...good(), sessionId: undefined }] }),
      400,
      /events\[0\]\.sessionId/,
    ],
    [
      'a 200-character sessionId',
      () => post().send({ events: [{ ...good(), sessionId: 's'.repeat(200) }] }),
      400,
      /events\[0\]\.sessionId/,
    ],
    [
      'a value given as a string',
      () => post().send({ events: [{ ...good(), type: 'dwell', value: '5000' }] }),
      400,
      /events\[0\]\.value/,
    ],
    [
      'a value on a view',
      () => post().send({ events: [{ ...good(), value: 3 }] }),
      400,
      /events\[0\]\.value/,
    ],
    [
      'a scroll of 150 %',
      () => post().send({ events: [{ ...good(), type: 'scroll', value: 150 }] }),
      400,
      /events\[0\]\.value/,
    ],
    [
      'a negative dwell',
      () => post().send({ events: [{ ...good(), type: 'dwell', value: -1 }] }),
      400,
      /events\[0\]\.value/,
    ],
    [
      'a dwell of 25 hours',
      () => post().send({ events: [{ ...good(), type: 'dwell', value: 25 * 3_600_000 }] }),
      400,
      /events\[0\]\.value/,
    ],
    [
      'a negative revenue',
      () =>
        post().send({
          events: [
            {
              id: 'c1',
              type: 'conversion',
              value: -5,
              timestamp: new Date().toISOString(),
              sessionId: 's',
            },
          ],
        }),
      400,
      /events\[0\]\.value/,
    ],
    [
      'a view without entry',
      () => post().send({ events: [{ ...good(), entry: undefined }] }),
      400,
      /events\[0\]\.entry/,
    ],
    [
      'an entry of a type that did not opt in',
      () =>
        post().send({
          events: [
            { ...good(), entry: { uid: 'plugin::users-permissions.user', documentId: 'x' } },
          ],
        }),
      400,
      /events\[0\]\.entry\.uid/,
    ],
    [
      'an entry with an extra key',
      () =>
        post().send({
          events: [{ ...good(), entry: { uid: 'api::article.article', documentId, id: 1 } }],
        }),
      400,
      /events\[0\]\.entry\.id/,
    ],
    [
      'a documentId with a path',
      () =>
        post().send({
          events: [{ ...good(), entry: { uid: 'api::article.article', documentId: '../../etc' } }],
        }),
      400,
      /events\[0\]\.entry\.documentId/,
    ],
    [
      'an id repeated in the batch',
      () => post().send({ events: [good('same'), good('same')] }),
      400,
      /events\[1\]\.id/,
    ],
    [
      'a good event followed by a bad one',
      () => post().send({ events: [good('ok'), { ...good('bad'), type: 'nope' }] }),
      400,
      /events\[1\]\.type/,
    ],
    [
      'a __proto__ key',
      () =>
        post()
          .set('Content-Type', 'application/json')
          .send(
            `{"events":[{"__proto__":{"admin":true},"id":"p","type":"view","entry":{"uid":"api::article.article","documentId":"${documentId}"},"timestamp":"${new Date().toISOString()}","sessionId":"s"}]}`
          ),
      400,
      /prototype/,
    ],
    [
      'a body over 64 KB',
      () => post().send({ events: [{ ...good(), sessionId: 'x'.repeat(70_000) }] }),
      413,
      /at most 65536 bytes/,
    ],
    [
      'a body over the 1 MB parser limit',
      () =>
        post()
          .set('Content-Type', 'application/json')
          .send(`{"events":"${'y'.repeat(1_200_000)}"}`),
      413,
      /./,
    ],
    [
      'a malformed X-Visitor-Id',
      () =>
        app
          .http()
          .post('/api/personalization/events')
          .set('X-Visitor-Id', 'bad id!')
          .send({ events: [good()] }),
      400,
      /X-Visitor-Id/,
    ],
    [
      'malformed X-Visitor-Traits',
      () =>
        post()
          .set('X-Visitor-Traits', '{nope')
          .send({ events: [good()] }),
      400,
      /X-Visitor-Traits/,
    ],
    [
      'no caller at all',
      () =>
        app
          .http()
          .post('/api/personalization/events')
          .send({ events: [good()] }),
      400,
      /no caller/,
    ],
    [
      'a forged JWT',
      () =>
        post()
          .set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJpZCI6MX0.forged')
          .send({ events: [good()] }),
      401,
      /JWT/,
    ],
  ];

  it('has at least 30 hostile payloads', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('refuses %s', async (_name, send, status, message) => {
    const response = await send();
    expect(response.status).toBe(status);
    const text = response.body?.error?.message ?? response.text;
    expect(text).toMatch(message);
    for (const table of AUDIENCE_TABLE_NAMES) {
      expect(await countRows(app.strapi, table)).toBe(0);
    }
  });

  it('answers 429 once a caller exceeds the rate limit, and stores only the batches before it', async () => {
    const send = (id: string) =>
      app
        .http()
        .post('/api/personalization/events')
        .set('X-Visitor-Id', 'flooder')
        .send({ events: [good(id)] });
    for (const id of ['f1', 'f2', 'f3']) {
      expect((await send(id)).status).toBe(202);
    }
    const limited = await send('f4');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.error.message).toMatch(/too many/);
    const stored = (await app.strapi.db
      .connection('personalization_events')
      .select('event_id')
      .orderBy('event_id')) as Array<{ event_id: string }>;
    expect(stored.map((row) => row.event_id)).toEqual(['f1', 'f2', 'f3']);
  });
});
