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

/** The join condition of the events that count for a metric: after exposure, within the window. */
const eventJoin = (metric: MetricDefinition, scope: AggregateScope) => {
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
  return { on: clauses.join(' AND '), bindings };
};

const isPostgres = (knex: Knex): boolean =>
  ['pg', 'postgres', 'postgresql'].includes(String(knex.client.config.client));

/** Each exposed caller's value: converted (0/1), or the sum or maximum of their event values. */
const callerValue = (metric: MetricDefinition) => {
  if (metric.kind === 'proportion') return 'MAX(CASE WHEN e.caller_key IS NULL THEN 0 ELSE 1 END)';
  return `COALESCE(${metric.aggregate === 'max' ? 'MAX' : 'SUM'}(e.value), 0)`;
};

/**
 * Per-arm sufficient statistics of a metric over the exposed callers of one phase, in one SQL
 * statement: exposures left-joined to their events through the (caller_key, type, occurred_at,
 * value, entry_document_id) index, which answers the join without reading the table; events are
 * never loaded. PostgreSQL's JIT is switched off for it: compiling the plan costs more than
 * running it.
 */
export const aggregateMetric = async (
  knex: Knex,
  metric: MetricDefinition,
  scope: AggregateScope
): Promise<ArmAggregate[]> => {
  const join = eventJoin(metric, scope);
  const sql = `SELECT t.arm AS arm, COUNT(*) AS n, SUM(t.v) AS s, SUM(t.v * t.v) AS ss
       FROM (SELECT x.arm AS arm, ${callerValue(metric)} AS v
               FROM ${EXPERIMENT_TABLES.exposures} x
               LEFT JOIN ${AUDIENCE_TABLES.events} e ON ${join.on}
              WHERE x.experiment_id = ? AND x.phase = ?
              GROUP BY x.caller_key, x.arm) t
      GROUP BY t.arm`;
  const bindings = [...join.bindings, scope.experimentId, scope.phase];
  const result = (await (isPostgres(knex)
    ? knex.transaction(async (trx) => {
        await trx.raw('SET LOCAL jit = off');
        return trx.raw(sql, bindings);
      })
    : knex.raw(sql, bindings))) as unknown;
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
