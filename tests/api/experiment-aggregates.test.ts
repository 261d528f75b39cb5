import fc from 'fast-check';
import knexFactory, { type Knex } from 'knex';
import type { MetricDefinition } from '../../src/plugins/personalization/server/src/core/experiments';
import { aggregateMetrics } from '../../src/plugins/personalization/server/src/services/experiments/aggregates';
import { runMigrations } from '../../src/plugins/personalization/server/src/migrations/run';
import { EXPERIMENT_TABLES } from '../../src/plugins/personalization/server/src/tables/experiments';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

/**
 * The results aggregates (one SQL statement for every metric of an experiment) against a plain
 * computation over the same rows, for random events, exposures and windows, on the suite's
 * database (SQLite, or PostgreSQL under `npm run test:postgres`).
 */
const EXPERIMENT = 'aggregatesexperiment0000001';
const OTHER_EXPERIMENT = 'aggregatesexperiment0000002';
const TYPES = ['view', 'click', 'conversion', 'dwell', 'scroll', 'custom'] as const;
const CUSTOM_NAMES = ['signup', 'share'] as const;
const ENTRIES = ['entry-a', 'entry-b'] as const;

const METRICS: MetricDefinition[] = [
  { name: 'converted', kind: 'proportion', events: ['conversion'] },
  { name: 'clicked or converted', kind: 'proportion', events: ['click', 'conversion'] },
  { name: 'clicked entry a', kind: 'proportion', events: ['click'], entry: 'entry-a' },
  { name: 'dwell', kind: 'mean', event: 'dwell', aggregate: 'sum' },
  {
    name: 'deepest scroll on b',
    kind: 'mean',
    event: 'scroll',
    aggregate: 'max',
    entry: 'entry-b',
  },
  {
    name: 'clicked or signed up',
    kind: 'proportion',
    events: ['click', 'custom'],
    customEvent: 'signup',
  },
  { name: 'shares', kind: 'mean', event: 'custom', customEvent: 'share', aggregate: 'sum' },
];

interface EventRow {
  caller: number;
  type: (typeof TYPES)[number];
  /** A custom event's name (other types have none). */
  name: string | null;
  entry: (typeof ENTRIES)[number];
  value: number | null;
  at: number;
}
interface ExposureRow {
  caller: number;
  arm: 'base' | 'sports' | 'music';
  at: number;
  phase: 1 | 2;
  experiment: string;
}

const callerKey = (caller: number) => `caller-${caller}`.padEnd(64, 'x');

const counts = (metric: MetricDefinition, event: EventRow): boolean => {
  const types: readonly string[] = metric.kind === 'proportion' ? metric.events : [metric.event];
  const typeCounts =
    event.type === 'custom'
      ? types.includes('custom') && event.name === metric.customEvent
      : types.includes(event.type);
  return typeCounts && (!metric.entry || metric.entry === event.entry);
};

/** What the SQL must give: per arm, n exposed callers and Σx, Σx² of their values. */
const expected = (
  metric: MetricDefinition,
  events: EventRow[],
  exposures: ExposureRow[],
  windowMs: number
) => {
  const byArm = new Map<string, { n: number; sum: number; sumSquares: number }>();
  for (const exposure of exposures) {
    if (exposure.experiment !== EXPERIMENT || exposure.phase !== 1) continue;
    const counted = events.filter(
      (event) =>
        event.caller === exposure.caller &&
        event.at >= exposure.at &&
        event.at < exposure.at + windowMs &&
        counts(metric, event)
    );
    const values = counted.map((event) => event.value ?? 0);
    const value =
      metric.kind === 'proportion'
        ? counted.length > 0
          ? 1
          : 0
        : metric.aggregate === 'max'
          ? values.length > 0
            ? Math.max(...values)
            : 0
          : values.reduce((sum, next) => sum + next, 0);
    const arm = byArm.get(exposure.arm) ?? { n: 0, sum: 0, sumSquares: 0 };
    byArm.set(exposure.arm, {
      n: arm.n + 1,
      sum: arm.sum + value,
      sumSquares: arm.sumSquares + value * value,
    });
  }
  return [...byArm.entries()]
    .map(([arm, stats]) => ({
      arm,
      ...stats,
      successes: metric.kind === 'proportion' ? stats.sum : 0,
    }))
    .sort((left, right) => left.arm.localeCompare(right.arm));
};

/** Times in a narrow range, so events fall on the window's edges often. */
const eventArbitrary = fc
  .record({
    caller: fc.integer({ min: 0, max: 4 }),
    type: fc.constantFrom(...TYPES),
    customName: fc.constantFrom(...CUSTOM_NAMES),
    entry: fc.constantFrom(...ENTRIES),
    value: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
    at: fc.integer({ min: 0, max: 20 }),
  })
  .map(
    ({ customName, ...event }): EventRow => ({
      ...event,
      name: event.type === 'custom' ? customName : null,
    })
  );

/** Exposures: one per caller, experiment and phase (the table's key). */
const exposuresArbitrary = fc
  .uniqueArray(
    fc.record({
      caller: fc.integer({ min: 0, max: 4 }),
      arm: fc.constantFrom('base' as const, 'sports' as const, 'music' as const),
      at: fc.integer({ min: 0, max: 15 }),
      phase: fc.constantFrom(1 as const, 2 as const),
      experiment: fc.constantFrom(EXPERIMENT, OTHER_EXPERIMENT),
    }),
    { selector: (row) => `${row.experiment}/${row.phase}/${row.caller}`, maxLength: 30 }
  )
  .filter((rows) => rows.some((row) => row.experiment === EXPERIMENT && row.phase === 1));

describe('experiment results aggregates', () => {
  let database: TestDatabase;
  let knex: Knex;

  beforeAll(async () => {
    database = await createTestDatabase();
    knex =
      database.client === 'postgres'
        ? knexFactory({
            client: 'pg',
            connection: database.env.DATABASE_URL,
            pool: { min: 1, max: 2 },
          })
        : knexFactory({
            client: 'better-sqlite3',
            connection: { filename: database.env.DATABASE_FILENAME },
            useNullAsDefault: true,
          });
    // The plugin's own migrations: the audience tables, the experiment tables and their indexes.
    await runMigrations(knex);
  });

  afterAll(async () => {
    await knex?.destroy();
    await database?.drop();
  });

  it('gives every metric the per-arm sums a plain computation gives, in one statement', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArbitrary, { minLength: 5, maxLength: 60 }),
        exposuresArbitrary,
        fc.integer({ min: 1, max: 8 }),
        async (events, exposures, windowMs) => {
          await knex('personalization_events').delete();
          await knex(EXPERIMENT_TABLES.exposures).delete();
          if (events.length > 0) {
            await knex('personalization_events').insert(
              events.map((event, index) => ({
                caller_key: callerKey(event.caller),
                event_id: `event-${index}`,
                type: event.type,
                name: event.name,
                entry_uid: 'api::article.article',
                entry_document_id: event.entry,
                value: event.value,
                occurred_at: event.at,
                session_id: 'session',
                tags: '[]',
                device: 'desktop',
                received_at: event.at,
              }))
            );
          }
          await knex(EXPERIMENT_TABLES.exposures).insert(
            exposures.map((exposure) => ({
              experiment_id: exposure.experiment,
              phase: exposure.phase,
              caller_key: callerKey(exposure.caller),
              arm: exposure.arm,
              exposed_at: exposure.at,
            }))
          );
          const actual = await aggregateMetrics(knex, METRICS, {
            experimentId: EXPERIMENT,
            phase: 1,
            windowMs,
          });
          METRICS.forEach((metric, index) => {
            const sorted = [...actual[index]].sort((left, right) =>
              left.arm.localeCompare(right.arm)
            );
            expect({ metric: metric.name, arms: sorted }).toEqual({
              metric: metric.name,
              arms: expected(metric, events, exposures, windowMs),
            });
          });
        }
      ),
      { numRuns: 60, seed: 20261202 }
    );
  });

  it('answers an empty list per metric for a phase nobody was exposed in', async () => {
    await knex(EXPERIMENT_TABLES.exposures).delete();
    const actual = await aggregateMetrics(knex, METRICS, {
      experimentId: EXPERIMENT,
      phase: 3,
      windowMs: 100,
    });
    expect(actual).toEqual(METRICS.map(() => []));
  });
});
