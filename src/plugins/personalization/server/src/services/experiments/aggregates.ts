import type { MetricDefinition } from '../../core/experiments';
import { AUDIENCE_TABLES, toNumber, type Knex } from '../../tables/audience';
import { EXPERIMENT_TABLES } from '../../tables/experiments';

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
  /** Only the exposures recorded in this bandit scope (bandit per segment). */
  banditSegment?: string;
}

const metricTypes = (metric: MetricDefinition): string[] =>
  metric.kind === 'proportion' ? metric.events : [metric.event];

/**
 * Whether an event counts for a metric (its types, a custom event's name, its entry): a CASE
 * condition with bindings.
 */
const countsFor = (metric: MetricDefinition) => {
  const types = metricTypes(metric);
  const named = types.filter((type) => type !== 'custom');
  const alternatives = named.length > 0 ? [`e.type IN (${named.map(() => '?').join(', ')})`] : [];
  const bindings: Array<string | number> = [...named];
  if (types.includes('custom')) {
    alternatives.push(`(e.type = 'custom' AND e.name = ?)`);
    bindings.push(metric.customEvent ?? '');
  }
  const clauses = [`(${alternatives.join(' OR ')})`];
  if (metric.entry) {
    clauses.push('e.entry_document_id = ?');
    bindings.push(metric.entry);
  }
  return { sql: clauses.join(' AND '), bindings };
};

/**
 * A caller's value for a metric from their events in the window: converted (1 or 0), or the sum
 * or maximum of the counted events' values (0 without any).
 */
const callerValue = (metric: MetricDefinition, column: string) => {
  const condition = countsFor(metric);
  const value =
    metric.kind === 'proportion'
      ? `MAX(CASE WHEN ${condition.sql} THEN 1 ELSE 0 END)`
      : metric.aggregate === 'max'
        ? `COALESCE(MAX(CASE WHEN ${condition.sql} THEN COALESCE(e.value, 0) END), 0)`
        : `SUM(CASE WHEN ${condition.sql} THEN COALESCE(e.value, 0) ELSE 0 END)`;
  return { sql: `${value} AS ${column}`, bindings: condition.bindings };
};

const isPostgres = (knex: Knex): boolean =>
  ['pg', 'postgres', 'postgresql'].includes(String(knex.client.config.client));

/**
 * Per-arm sufficient statistics of every metric over the exposed callers of one phase, in one SQL
 * statement; events are never loaded. The events of all the metrics' types in the phase's time
 * span (first exposure to last exposure + window) are read once, as one range of the (type,
 * occurred_at, caller_key, value, entry_document_id) index, hash-joined to the exposures by
 * caller, kept when they fall in the caller's window, and folded into one value per caller and
 * metric; then Σx and Σx² per arm. Callers without counted events add 0 to both; n counts every
 * exposed caller. PostgreSQL's JIT is switched off for this: compiling the plan costs more than
 * running it. The answer has one list per metric, in the order given.
 */
export const aggregateMetrics = async (
  knex: Knex,
  metrics: MetricDefinition[],
  scope: AggregateScope
): Promise<ArmAggregate[][]> => {
  if (metrics.length === 0) return [];
  const exposures = EXPERIMENT_TABLES.exposures;
  const segmentWhere = scope.banditSegment === undefined ? '' : ' AND bandit_segment = ?';
  const segment = scope.banditSegment === undefined ? [] : [scope.banditSegment];
  const [span] = (await knex(exposures)
    .where({
      experiment_id: scope.experimentId,
      phase: scope.phase,
      ...(scope.banditSegment === undefined ? {} : { bandit_segment: scope.banditSegment }),
    })
    .min({ first: 'exposed_at' })
    .max({ last: 'exposed_at' })) as Array<{ first: unknown; last: unknown }>;
  if (span?.first === null || span?.first === undefined) return metrics.map(() => []);
  const phase = [scope.experimentId, scope.phase];
  const types = [...new Set(metrics.flatMap(metricTypes))];
  const values = metrics.map((metric, index) => callerValue(metric, `v${index}`));
  const sums = metrics
    .map(
      (_, index) =>
        `SUM(counted.v${index}) AS s${index}, SUM(counted.v${index} * counted.v${index}) AS q${index}`
    )
    .join(', ');
  const sql = `WITH counted AS (
         SELECT x.arm AS arm, ${values.map((value) => value.sql).join(', ')}
           FROM ${exposures} x
           JOIN ${AUDIENCE_TABLES.events} e ON e.caller_key = x.caller_key
          WHERE x.experiment_id = ? AND x.phase = ?${segmentWhere.replace('bandit_segment', 'x.bandit_segment')}
            AND e.type IN (${types.map(() => '?').join(', ')})
            AND e.occurred_at >= ? AND e.occurred_at < ?
            AND e.occurred_at >= x.exposed_at AND e.occurred_at < x.exposed_at + ?
          GROUP BY x.arm, x.caller_key),
       valued AS (
         SELECT arm, ${sums} FROM counted GROUP BY arm),
       exposed AS (
         SELECT arm, COUNT(*) AS n FROM ${exposures}
          WHERE experiment_id = ? AND phase = ?${segmentWhere} GROUP BY arm)
     SELECT exposed.arm AS arm, exposed.n AS n, ${metrics.map((_, index) => `valued.s${index} AS s${index}, valued.q${index} AS q${index}`).join(', ')}
       FROM exposed LEFT JOIN valued ON valued.arm = exposed.arm
      ORDER BY exposed.arm`;
  const bindings = [
    ...values.flatMap((value) => value.bindings),
    ...phase,
    ...segment,
    ...types,
    toNumber(span.first),
    toNumber(span.last) + scope.windowMs,
    scope.windowMs,
    ...phase,
    ...segment,
  ];
  const result = (await (isPostgres(knex)
    ? knex.transaction(async (trx) => {
        await trx.raw('SET LOCAL jit = off');
        await trx.raw("SET LOCAL work_mem = '64MB'");
        return trx.raw(sql, bindings);
      })
    : knex.raw(sql, bindings))) as unknown;
  // PostgreSQL answers { rows }, SQLite an array.
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<
    Record<string, unknown>
  >;
  return metrics.map((metric, index) =>
    rows.map((row) => {
      const sum = toNumber(row[`s${index}`] ?? 0);
      return {
        arm: String(row.arm),
        n: toNumber(row.n),
        successes: metric.kind === 'proportion' ? sum : 0,
        sum,
        sumSquares: toNumber(row[`q${index}`] ?? 0),
      };
    })
  );
};

/** One metric's per-arm sufficient statistics (see aggregateMetrics). */
export const aggregateMetric = async (
  knex: Knex,
  metric: MetricDefinition,
  scope: AggregateScope
): Promise<ArmAggregate[]> => (await aggregateMetrics(knex, [metric], scope))[0];

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
