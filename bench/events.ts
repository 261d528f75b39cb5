import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { Client, Pool } from 'pg';
import { ROOT, startInstance, type Instance } from './lib/instance';

/**
 * Event ingest on PostgreSQL: `POST /api/personalization/events` with batches of 50 (validation,
 * consent, idempotency check, batch insert, profile and segment update, one transaction) against a
 * raw multi-row INSERT of the same 50 rows through pg, both with the same concurrency, in
 * alternating rounds. Needs PostgreSQL at BENCH_POSTGRES_URL or 127.0.0.1:5432.
 */
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const BATCH = 50;
const VISITORS = 500;
const RESULTS_FILE = path.join(ROOT, 'bench', 'results', 'events.json');

interface Side {
  eventsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

const withDatabase = (url: string, name: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

let sequence = 0;
const batchOf = (documentIds: string[]) => {
  sequence += 1;
  const now = new Date().toISOString();
  return Array.from({ length: BATCH }, (_, index) => ({
    id: `b${sequence}-${index}`,
    type: index % 5 === 0 ? 'dwell' : 'view',
    ...(index % 5 === 0 ? { value: 30_000 } : {}),
    entry: { uid: 'api::article.article', documentId: documentIds[index % documentIds.length] },
    timestamp: now,
    sessionId: `s${sequence % 97}`,
  }));
};

const endpointRound = async (instance: Instance, documentIds: string[]): Promise<Side> => {
  const result = await autocannon({
    url: `${instance.baseUrl}/api/personalization/events`,
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({
          ...request,
          headers: {
            'content-type': 'application/json',
            'x-visitor-id': `bench-${sequence % VISITORS}`,
          },
          body: JSON.stringify({ events: batchOf(documentIds) }),
        }),
      },
    ],
  });
  return {
    eventsPerSecond: result.requests.average * BATCH,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
};

/** The same rows, straight into the table with one multi-row INSERT per batch. */
const rawRound = async (pool: Pool, documentIds: string[]): Promise<Side> => {
  const deadline = Date.now() + DURATION_SECONDS * 1000;
  const latencies: number[] = [];
  let batches = 0;
  const worker = async () => {
    while (Date.now() < deadline) {
      const events = batchOf(documentIds);
      const callerKey = randomBytes(32).toString('hex');
      const values: unknown[] = [];
      const rows = events.map((event, index) => {
        const at = Date.parse(event.timestamp);
        values.push(
          callerKey,
          event.id,
          event.type,
          event.entry.uid,
          event.entry.documentId,
          'value' in event ? event.value : null,
          at,
          event.sessionId,
          '[]',
          'desktop',
          Date.now()
        );
        const base = index * 11;
        return `(${Array.from({ length: 11 }, (_, column) => `$${base + column + 1}`).join(', ')})`;
      });
      const started = performance.now();
      await pool.query(
        `INSERT INTO personalization_events (caller_key, event_id, type, entry_uid, entry_document_id, value, occurred_at, session_id, tags, device, received_at) VALUES ${rows.join(', ')}`,
        values
      );
      latencies.push(performance.now() - started);
      batches += 1;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const seconds = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    eventsPerSecond: (batches * BATCH) / seconds,
    p50: latencies[Math.floor(latencies.length * 0.5)],
    p99: latencies[Math.floor(latencies.length * 0.99)],
    errors: 0,
  };
};

const main = async () => {
  const name = `pz_bench_events_${process.pid}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `the events benchmark needs PostgreSQL at ${ADMIN_URL} (set BENCH_POSTGRES_URL): ${(error as Error).message}`
    );
  }
  await admin.query(`CREATE DATABASE ${name}`);
  const url = withDatabase(ADMIN_URL, name);
  let instance: Instance | null = null;
  const pool = new Pool({ connectionString: url, max: CONNECTIONS });
  try {
    console.log('\nEvent ingest on PostgreSQL: starting an instance…');
    instance = await startInstance('events-pg', 1345, {
      DATABASE_CLIENT: 'postgres',
      DATABASE_URL: url,
      PERSONALIZATION_TAGGING_ENABLED: 'false',
      PERSONALIZATION_CONSENT_DEFAULT_ANALYTICS: 'true',
      PERSONALIZATION_EVENTS_RATE_LIMIT: '1000000',
      SEED_DEMO_RULES: 'false',
    });
    const documentIds = (
      await pool.query<{ document_id: string }>(
        'SELECT DISTINCT document_id FROM articles WHERE published_at IS NOT NULL LIMIT 24'
      )
    ).rows.map((row) => row.document_id);

    // Warm-up of both sides, not counted.
    await endpointRound(instance, documentIds);
    await rawRound(pool, documentIds);
    const endpoint: Side[] = [];
    const raw: Side[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      endpoint.push(await endpointRound(instance, documentIds));
      raw.push(await rawRound(pool, documentIds));
    }
    const summary = (sides: Side[]): Side => ({
      eventsPerSecond: median(sides.map((side) => side.eventsPerSecond)),
      p50: median(sides.map((side) => side.p50)),
      p99: median(sides.map((side) => side.p99)),
      errors: sides.reduce((sum, side) => sum + side.errors, 0),
    });
    const api = summary(endpoint);
    const insert = summary(raw);
    const ratio = Number((api.eventsPerSecond / insert.eventsPerSecond).toFixed(3));
    console.log(
      `Batches of ${BATCH} events, ${CONNECTIONS} concurrent senders, ${ROUNDS} alternating rounds of ${DURATION_SECONDS}s`
    );
    for (const [label, side] of [
      ['POST /events (endpoint)', api],
      ['raw multi-row INSERT (pg)', insert],
    ] as const) {
      console.log(
        `  ${label.padEnd(28)} ${side.eventsPerSecond.toFixed(0).padStart(7)} events/s   batch p50 ${side.p50.toFixed(1).padStart(6)} ms   p99 ${side.p99.toFixed(1).padStart(6)} ms   errors ${side.errors}`
      );
    }
    console.log(
      `  ratio (endpoint / raw INSERT) ${ratio}× events/s;  endpoint p99 ${api.p99.toFixed(1)} ms`
    );
    fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
    fs.writeFileSync(
      RESULTS_FILE,
      `${JSON.stringify({ date: new Date().toISOString(), batch: BATCH, connections: CONNECTIONS, endpoint: api, raw: insert, ratio }, null, 2)}\n`
    );
    if (api.errors > 0) throw new Error(`${api.errors} event requests failed`);
  } finally {
    await pool.end();
    await instance?.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
