import type { MetricDefinition } from '../../core/experiments';
import { AUDIENCE_TABLES, toNumber, type Knex } from '../audience/tables';
import { EXPERIMENT_TABLES } from './tables';

/** An arm's sufficient statistics for one metric: what every test is computed from. */
export interface ArmAggregate {
  arm: string;
  n: number;
  /** Callers who converted (proportion metrics). */
  successes: number;
  /** Σx and Σx² of the per-caller values (mean metrics; for proportions, Σx = Σx² = successes). */
  sum: number;
  sumSquares: number;
}

export interface AggregateScope {
  experimentId: string;
  phase: number;
  windowMs: number;
}

/** The events that count for a metric, after a caller's exposure and within the window. */
const eventFilter = (metric: MetricDefinition, scope: AggregateScope) => {
  const types = metric.kind === 'proportion' ? metric.events : [metric.event];
  const clauses = [
    'e.caller_key = x.caller_key',
    `e.type IN (${types.map(() => '?').join(', ')})`,
    'e.occurred_at >= x.exposed_at',
    'e.occurred_at < x.exposed_at + ?',
  ];
  const bindings: Array<string | number> = [...types, scope.windowMs];
  if (metric.entry) {
    clauses.push('e.entry_document_id = ?');
    bindings.push(metric.entry);
  }
  return { where: clauses.join(' AND '), bindings };
};

/**
 * Per-arm sufficient statistics of a metric over the exposed callers of one phase, in one SQL
 * statement (events are read through the (caller_key, occurred_at) index, never loaded).
 */
export const aggregateMetric = async (
  knex: Knex,
  metric: MetricDefinition,
  scope: AggregateScope
): Promise<ArmAggregate[]> => {
  const filter = eventFilter(metric, scope);
  const events = AUDIENCE_TABLES.events;
  const exposures = EXPERIMENT_TABLES.exposures;
  const value =
    metric.kind === 'proportion'
      ? `CASE WHEN EXISTS (SELECT 1 FROM ${events} e WHERE ${filter.where}) THEN 1 ELSE 0 END`
      : `COALESCE((SELECT ${metric.aggregate === 'max' ? 'MAX' : 'SUM'}(e.value) FROM ${events} e WHERE ${filter.where}), 0)`;
  const result = (await knex.raw(
    `SELECT t.arm AS arm, COUNT(*) AS n, SUM(t.v) AS s, SUM(t.v * t.v) AS ss
       FROM (SELECT x.arm AS arm, ${value} AS v
               FROM ${exposures} x
              WHERE x.experiment_id = ? AND x.phase = ?) t
      GROUP BY t.arm`,
    [...filter.bindings, scope.experimentId, scope.phase]
  )) as unknown;
  // PostgreSQL answers { rows }, SQLite an array.
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{
    arm: string;
    n: unknown;
    s: unknown;
    ss: unknown;
  }>;
  return rows.map((row) => {
    const sum = toNumber(row.s ?? 0);
    return {
      arm: row.arm,
      n: toNumber(row.n),
      successes: metric.kind === 'proportion' ? sum : 0,
      sum,
      sumSquares: toNumber(row.ss ?? 0),
    };
  });
};

/** Exposures per arm and UTC day (for the cumulative chart) and over the last seven days. */
export const exposureTimeline = async (
  knex: Knex,
  experimentId: string,
  phase: number,
  now: number
): Promise<{ days: Array<{ day: string; arm: string; exposures: number }>; lastWeek: number }> => {
  const dayMs = 86_400_000;
  const rows = (await knex(EXPERIMENT_TABLES.exposures)
    .where({ experiment_id: experimentId, phase })
    .select('arm', knex.raw('FLOOR(exposed_at / ?) AS day', [dayMs]))
    .count({ exposures: '*' })
    .groupBy('arm', 'day')
    .orderBy('day')) as Array<{ arm: string; day: unknown; exposures: unknown }>;
  const weekAgo = now - 7 * dayMs;
  const [recent] = (await knex(EXPERIMENT_TABLES.exposures)
    .where({ experiment_id: experimentId, phase })
    .andWhere('exposed_at', '>=', weekAgo)
    .count({ exposures: '*' })) as Array<{ exposures: unknown }>;
  return {
    days: rows.map((row) => ({
      day: new Date(toNumber(row.day) * dayMs).toISOString().slice(0, 10),
      arm: row.arm,
      exposures: toNumber(row.exposures),
    })),
    lastWeek: toNumber(recent?.exposures ?? 0),
  };
};
