import { performance } from 'node:perf_hooks';
import knexFactory, { type Knex } from 'knex';
import { Client } from 'pg';
import type { MetricDefinition } from '../src/plugins/personalization/server/src/core/experiments';
import {
  aggregateMetric,
  aggregateMetrics,
  exposureTimeline,
} from '../src/plugins/personalization/server/src/services/experiments/aggregates';
import { runMigrations } from '../src/plugins/personalization/server/src/migrations/run';
import { EXPERIMENT_TABLES } from '../src/plugins/personalization/server/src/tables/experiments';

/**
 * The results query of an experiment at scale on PostgreSQL: the events table filled with
 * BENCH_EVENTS generated events (default 10 million) over BENCH_CALLERS callers, BENCH_EXPOSED of
 * whom were exposed to a two-arm experiment; then the plugin's own aggregate queries (the ones
 * `GET /experiments/:name/results` runs) are timed, median of BENCH_ROUNDS runs each, with the
 * query plan. Tables and indexes come from the app's migration and the plugin's start-up code.
 * Needs PostgreSQL at BENCH_POSTGRES_URL or 127.0.0.1:5432; the database is dropped afterwards.
 */
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const CALLERS = Number(process.env.BENCH_CALLERS ?? 1_000_000);
const EXPOSED = Number(process.env.BENCH_EXPOSED ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** BENCH_EXPLAIN=1 prints PostgreSQL's plan of each metric's query. */
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';
const CHUNK = 1_000_000;
/** BENCH_DATABASE=name keeps a filled database between runs (for tuning); dropped otherwise. */
const KEPT_DATABASE = process.env.BENCH_DATABASE;
const DATABASE = KEPT_DATABASE ?? `pz_bench_results_${process.pid}`;
const EXPERIMENT_ID = 'benchexperiment000000000001';
const DAY_MS = 86_400_000;
const NOW = Date.now();

const METRICS: MetricDefinition[] = [
  { name: 'signed up', kind: 'proportion', events: ['conversion'] },
  { name: 'clicked', kind: 'proportion', events: ['click', 'conversion'] },
  { name: 'dwell', kind: 'mean', event: 'dwell', aggregate: 'sum' },
];

const withDatabase = (url: string, name: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

const timed = async <T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> => {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
};

/** A 64-character caller key per caller number, like the HMAC pseudonyms the plugin stores. */
const CALLER_KEY = (column: string) => `md5(${column}::text) || md5((${column} + 7)::text)`;

/**
 * The events table's plain indexes (not the ones behind constraints): dropped for the bulk load
 * and built again afterwards from their own definitions, as a restore would.
 */
const plainIndexes = async (knex: Knex): Promise<Array<{ name: string; definition: string }>> => {
  const result = (await knex.raw(
    `SELECT i.indexname AS name, i.indexdef AS definition
       FROM pg_indexes i
      WHERE i.tablename = 'personalization_events'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`
  )) as { rows: Array<{ name: string; definition: string }> };
  return result.rows;
};

const fill = async (knex: Knex) => {
  const indexes = await plainIndexes(knex);
  for (const index of indexes) await knex.raw(`DROP INDEX "${index.name}"`);
  for (let from = 0; from < EVENTS; from += CHUNK) {
    const to = Math.min(EVENTS, from + CHUNK) - 1;
    // Callers spread evenly; by a hash of the event number, 70 % views, 15 % clicks, 5 % conversions, 10 % dwell with a value;
    // times over the last 30 days.
    await knex.raw(
      `INSERT INTO personalization_events
         (caller_key, event_id, type, entry_uid, entry_document_id, value, occurred_at, session_id,
          tags, device, received_at)
       SELECT ${CALLER_KEY('c')}, 'e' || i,
              CASE WHEN h < 14 THEN 'view' WHEN h < 17 THEN 'click'
                   WHEN h < 18 THEN 'conversion' ELSE 'dwell' END,
              'api::article.article', 'doc' || (i % 500),
              CASE WHEN h >= 18 THEN (i % 97) + 3 ELSE NULL END,
              ?::bigint - ((i * 7919) % (30 * ?::bigint)), 's' || (i % 100000), '[]', 'desktop', ?
         FROM (SELECT i, i % ? AS c, abs(hashtext(i::text)) % 20 AS h
                 FROM generate_series(?::bigint, ?::bigint) AS i) AS g`,
      [NOW, DAY_MS, NOW, CALLERS, from, to]
    );
    process.stdout.write(`  ${to + 1} events\n`);
  }
  // Exposed callers: the first EXPOSED caller numbers, two arms, over the last 14 days.
  await knex.raw(
    `INSERT INTO ${EXPERIMENT_TABLES.exposures} (experiment_id, phase, caller_key, arm, exposed_at)
     SELECT ?, 1, ${CALLER_KEY('c')}, CASE WHEN c % 2 = 0 THEN 'base' ELSE 'sports' END,
            ?::bigint - ((c * 104729) % (14 * ?::bigint))
       FROM generate_series(0, ?::bigint) AS c`,
    [EXPERIMENT_ID, NOW, DAY_MS, EXPOSED - 1]
  );
  await knex.raw("SET maintenance_work_mem = '512MB'");
  for (const index of indexes) await knex.raw(index.definition);
  console.log(`  indexes: ${indexes.map((index) => index.name).join(', ')}`);
  await knex.raw('VACUUM ANALYZE');
};

/** Runs a query once to catch its SELECT, then prints EXPLAIN ANALYZE of it (JIT off, as run). */
const explain = async (knex: Knex, run: () => Promise<unknown>) => {
  let caught: { sql: string; bindings: unknown[] } | null = null;
  // The last statement that reads: the aggregate itself (WITH …), after the span lookup.
  const listener = (query: { sql: string; bindings: unknown[] }) => {
    if (/^\s*(select|with)/i.test(query.sql)) caught = query;
  };
  knex.on('query', listener);
  await run();
  knex.off('query', listener);
  if (!caught) return;
  const { sql, bindings } = caught as { sql: string; bindings: unknown[] };
  const client = new Client({ connectionString: withDatabase(ADMIN_URL, DATABASE) });
  await client.connect();
  await client.query('SET jit = off');
  const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, bindings);
  await client.end();
  console.log(plan.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n'));
};

/** The plugin's migrations create the tables (as at boot); then the rows are generated. */
const createAndFill = async (knex: Knex) => {
  await runMigrations(knex);
  console.log(`filling PostgreSQL: ${EVENTS} events over ${CALLERS} callers, ${EXPOSED} exposed`);
  const fillTime = await timed(() => fill(knex));
  console.log(`filled in ${(fillTime.ms / 1000).toFixed(0)} s`);
};

const main = async () => {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const exists =
    (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE])).rowCount === 1;
  if (!exists) await admin.query(`CREATE DATABASE "${DATABASE}"`);
  const knex = knexFactory({
    client: 'pg',
    connection: withDatabase(ADMIN_URL, DATABASE),
    pool: { min: 1, max: 2 },
  });
  try {
    if (!exists) await createAndFill(knex);
    // As at every boot: a database filled by an older version gets what newer migrations add.
    await runMigrations(knex);
    await knex.raw('ANALYZE');

    const counted = (await knex('personalization_events').count({ n: '*' })) as Array<{
      n: unknown;
    }>;
    const events = Number(counted[0].n);
    const scope = { experimentId: EXPERIMENT_ID, phase: 1, windowMs: 7 * DAY_MS };
    for (const metric of METRICS) {
      const runs: number[] = [];
      let arms: Awaited<ReturnType<typeof aggregateMetric>> = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        const run = await timed(() => aggregateMetric(knex, metric, scope));
        runs.push(run.ms);
        arms = run.value;
      }
      if (EXPLAIN) await explain(knex, () => aggregateMetric(knex, metric, scope));
      const summary = arms
        .map((arm) => `${arm.arm} n=${arm.n} Σx=${arm.sum.toFixed(0)}`)
        .join(', ');
      console.log(
        `results query, ${metric.kind} "${metric.name}": median ${median(runs).toFixed(0)} ms ` +
          `(min ${Math.min(...runs).toFixed(0)}, max ${Math.max(...runs).toFixed(0)}) at ${events} events [${summary}]`
      );
    }
    const timeline: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      timeline.push((await timed(() => exposureTimeline(knex, EXPERIMENT_ID, 1, NOW))).ms);
    }
    console.log(`exposure timeline: median ${median(timeline).toFixed(0)} ms`);
    const statement: number[] = [];
    const whole: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      statement.push((await timed(() => aggregateMetrics(knex, METRICS, scope))).ms);
      // As the results service runs them: the aggregate statement beside the timeline.
      const run = await timed(() =>
        Promise.all([
          aggregateMetrics(knex, METRICS, scope),
          exposureTimeline(knex, EXPERIMENT_ID, 1, NOW),
        ])
      );
      whole.push(run.ms);
    }
    if (EXPLAIN) await explain(knex, () => aggregateMetrics(knex, METRICS, scope));
    const range = (runs: number[]) =>
      `median ${median(runs).toFixed(0)} ms (min ${Math.min(...runs).toFixed(0)}, max ${Math.max(...runs).toFixed(0)})`;
    console.log(
      `all ${METRICS.length} metrics in one statement: ${range(statement)} at ${events} events`
    );
    console.log(
      `whole results query (that statement beside the timeline, as GET /experiments/:name/results runs them): ${range(whole)} at ${events} events`
    );
  } finally {
    await knex.destroy();
    if (!KEPT_DATABASE) await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
    await admin.end();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
