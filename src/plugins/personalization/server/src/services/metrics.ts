import type { Core } from '@strapi/strapi';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RuleRender } from '../core/rules/types';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';
import { JOBS_TABLE } from '../tables/tagging';

export type EventOutcome = 'accepted' | 'duplicate' | 'dropped';

/** Seconds buckets for HTTP answers and rule renders (the render limit is 50 ms by default). */
const HTTP_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const RENDER_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1];

/** Sets a counter to a total kept elsewhere (a service's own since-boot counter). */
const setTotal = (counter: Counter, value: number, labels: Record<string, string> = {}): void => {
  counter.reset();
  counter.inc(labels, value);
};

/**
 * Prometheus metrics of the plugin (docs/operations.md) in a registry of its own, so two Strapi
 * instances in one process (tests) or another library's metrics never collide with them.
 * Totals other services already keep are read at scrape time; the rest is counted here.
 */
const createMetricsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = getPluginConfig(strapi).metrics;
  const registry = new Registry();
  const services = <Name extends Parameters<typeof getService>[1]>(name: Name) =>
    getService(strapi, name);

  const httpDuration = new Histogram({
    name: 'personalization_http_request_duration_seconds',
    help: 'Time to answer content API requests of opted-in types and the plugin routes, by route template.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers: [registry],
  });
  const ruleDuration = new Histogram({
    name: 'personalization_rule_evaluation_duration_seconds',
    help: 'Time to render one rule template for one entry and caller.',
    labelNames: ['outcome'] as const,
    buckets: RENDER_BUCKETS,
    registers: [registry],
  });
  const events = new Counter({
    name: 'personalization_events_total',
    help: 'Tracked events by outcome: accepted, duplicate (already stored), dropped (no analytics consent).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const rejectedBatches = new Counter({
    name: 'personalization_event_batches_rejected_total',
    help: 'Event batches refused, by HTTP status (400 invalid, 401 no caller, 413 too large, 415, 429 rate limited).',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  // Zero series from the start, so alerts and dashboards see them before the first event.
  for (const outcome of ['accepted', 'duplicate', 'dropped']) events.inc({ outcome }, 0);
  for (const status of ['400', '401', '413', '415', '429']) rejectedBatches.inc({ status }, 0);

  new Counter({
    name: 'personalization_decisions_total',
    help: 'Per-entry decisions served on the content API, by reason.',
    labelNames: ['reason'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [reason, count] of Object.entries(services('delivery').counts())) {
        this.inc({ reason }, count);
      }
    },
  });
  new Counter({
    name: 'personalization_decision_cache_hits_total',
    help: 'Decisions answered from the decision cache (process or Redis).',
    registers: [registry],
    collect() {
      setTotal(this, services('cache').stats().hits + services('cache').stats().redisHits);
    },
  });
  new Counter({
    name: 'personalization_decision_cache_misses_total',
    help: 'Decisions not found in the decision cache.',
    registers: [registry],
    collect() {
      setTotal(this, services('cache').stats().misses);
    },
  });
  /** A counter that reads a running total from a service's stats at scrape time. */
  const totalOf = (name: string, help: string, read: () => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        setTotal(this, read());
      },
    });
  const documentCache = () => services('responseCache').stats();
  const restCache = () => services('restResponseCache').stats();
  totalOf(
    'personalization_response_cache_hits_total',
    'Base query answers served from the response cache (process or Redis).',
    () => documentCache().hits + documentCache().redisHits
  );
  totalOf(
    'personalization_response_cache_misses_total',
    'Base query answers loaded from the database and cached.',
    () => documentCache().misses
  );
  totalOf(
    'personalization_response_cache_bypassed_total',
    'Base queries not cached because they read a type written outside the document service.',
    () => documentCache().bypassed
  );
  totalOf(
    'personalization_rest_response_cache_hits_total',
    'REST reads answered from a kept sanitized base answer (no database read, no sanitizing).',
    () => restCache().hits
  );
  totalOf(
    'personalization_rest_response_cache_misses_total',
    'REST reads that ran the controller (their base answer kept when it could be).',
    () => restCache().misses
  );
  new Gauge({
    name: 'personalization_flag_client_up',
    help: '1 when the flag client holds flags and its last fetch worked, 0 when starting or failing.',
    labelNames: ['mode', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      const status = services('flags').clientStatus();
      const state = status?.state ?? 'stopped';
      this.set({ mode: services('flags').mode(), state }, state === 'ready' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'personalization_flag_client_last_fetch_timestamp_seconds',
    help: 'When the flag client last fetched flags successfully (local mode: last load), Unix seconds.',
    registers: [registry],
    collect() {
      const last = services('flags').clientStatus()?.lastFetchAt;
      this.set(last ? last / 1000 : 0);
    },
  });
  new Gauge({
    name: 'personalization_tagging_queue_depth',
    help: 'Tagging jobs waiting or running.',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const counts = await services('taggingQueue').counts();
      this.set({ status: 'pending' }, counts.pending);
      this.set({ status: 'running' }, counts.running);
    },
  });
  new Gauge({
    name: 'personalization_tagging_oldest_pending_job_age_seconds',
    help: 'Age of the oldest pending tagging job (0 when none).',
    registers: [registry],
    async collect() {
      const row = (await strapi.db
        .connection(JOBS_TABLE)
        .where({ status: 'pending' })
        .min({ oldest: 'created_at' })
        .first()) as { oldest: number | string | null } | undefined;
      const oldest = row?.oldest === null || row?.oldest === undefined ? null : Number(row.oldest);
      this.set(oldest === null ? 0 : Math.max(0, (Date.now() - oldest) / 1000));
    },
  });
  new Counter({
    name: 'personalization_tagging_job_failures_total',
    help: 'Failed tagging attempts in this process: retried (will run again) or failed (for good).',
    labelNames: ['outcome'] as const,
    registers: [registry],
    collect() {
      this.reset();
      const state = services('taggingWorker').state();
      this.inc({ outcome: 'retried' }, state.retried);
      this.inc({ outcome: 'failed' }, state.failed);
    },
  });

  return {
    enabled: config.enabled,

    /** Node's own metrics (CPU, memory, event loop lag, GC) join the registry when metrics are on. */
    start(): void {
      if (config.enabled) collectDefaultMetrics({ register: registry });
    },

    observeHttp(method: string, route: string, status: number, seconds: number): void {
      httpDuration.observe({ method, route, status: String(status) }, seconds);
    },

    ruleRendered(rendered: RuleRender): void {
      ruleDuration.observe({ outcome: rendered.ok ? 'ok' : 'error' }, rendered.durationMs / 1000);
    },

    eventsCounted(outcome: EventOutcome, count: number): void {
      events.inc({ outcome }, count);
    },

    batchRejected(status: number): void {
      rejectedBatches.inc({ status: String(status) });
    },

    contentType: () => registry.contentType,
    render: () => registry.metrics(),
  };
};

export type MetricsService = ReturnType<typeof createMetricsService>;
export default createMetricsService;
