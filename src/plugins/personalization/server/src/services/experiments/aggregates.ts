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

/** The events that count for a metric: its types, after the caller's exposure, within the window. */
const eventCondition = (metric: MetricDefinition, scope: AggregateScope) => {
  const types = metric.kind === 'proportion' ? metric.events : [metric.event];
  const clauses = [
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

const isPostgres = (knex: Knex): boolean =>
  ['pg', 'postgres', 'postgresql'].includes(String(knex.client.config.client));

/** A caller's value from their counted events: converted (1), or the sum or maximum of values. */
const callerValue = (metric: MetricDefinition) => {
  if (metric.kind === 'proportion') return '1';
  return `${metric.aggregate === 'max' ? 'MAX' : 'SUM'}(COALESCE(e.value, 0))`;
};

/**
 * Per-arm sufficient statistics of a metric over the exposed callers of one phase, in SQL; events
 * are never loaded. Exposed callers are counted per arm; the callers with counted events get their
 * value (callers without any count 0 and add nothing to Σx or Σx²). The events are bounded to the
 * phase's time span (first exposure to last exposure + window), so PostgreSQL reads them as one range of the (type, occurred_at, caller_key,
 * value, entry_document_id) index and hash-joins them to the exposures. Its JIT is switched off
 * for this: compiling the plan costs more than running it.
 */
export const aggregateMetric = async (
  knex: Knex,
  metric: MetricDefinition,
  scope: AggregateScope
): Promise<ArmAggregate[]> => {
  const exposures = EXPERIMENT_TABLES.exposures;
  const [span] = (await knex(exposures)
    .where({ experiment_id: scope.experimentId, phase: scope.phase })
    .min({ first: 'exposed_at' })
    .max({ last: 'exposed_at' })) as Array<{ first: unknown; last: unknown }>;
  if (span?.first === null || span?.first === undefined) return [];
  const phase = [scope.experimentId, scope.phase];
  const condition = eventCondition(metric, scope);
  const sql = `WITH counted AS (
         SELECT x.arm AS arm, ${callerValue(metric)} AS v
           FROM ${exposures} x
           JOIN ${AUDIENCE_TABLES.events} e ON e.caller_key = x.caller_key
          WHERE x.experiment_id = ? AND x.phase = ?
            AND e.occurred_at >= ? AND e.occurred_at < ?
            AND ${condition.where}
          GROUP BY x.arm, x.caller_key),
       valued AS (
         SELECT arm, SUM(v) AS s, SUM(v * v) AS ss FROM counted GROUP BY arm),
       exposed AS (
         SELECT arm, COUNT(*) AS n FROM ${exposures}
          WHERE experiment_id = ? AND phase = ? GROUP BY arm)
     SELECT exposed.arm AS arm, exposed.n AS n, valued.s AS s, valued.ss AS ss
       FROM exposed LEFT JOIN valued ON valued.arm = exposed.arm`;
  const bindings = [
    ...phase,
    toNumber(span.first),
    toNumber(span.last) + scope.windowMs,
    ...condition.bindings,
    ...phase,
  ];
  const result = (await (isPostgres(knex)
    ? knex.transaction(async (trx) => {
        await trx.raw('SET LOCAL jit = off');
        await trx.raw("SET LOCAL work_mem = '64MB'");
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
