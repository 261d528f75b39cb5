import autocannon from 'autocannon';
import { setUpPersonalization } from '../../bench/lib/setup-rules';
import { METRICS_SECRET, startCluster } from './cluster';
import { mixFor, type Kind, type KindSettings } from './mix';

/**
 * `npm run load -- --instances 1|2 --seconds N`: the compiled app on one new PostgreSQL database
 * and one Redis, under a realistic mix run side by side (reads of lists and entries by 1,000
 * visitors with traits, event batches, occasional admin writes of rules and content). Prints
 * p50/p99, throughput and errors per kind; exits non-zero on any 5xx or when /metrics misses a
 * listed series.
 */

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer`);
  return value;
};

const SERIES = [
  'personalization_http_request_duration_seconds',
  'personalization_decisions_total',
  'personalization_decision_cache_hits_total',
  'personalization_decision_cache_misses_total',
  'personalization_response_cache_hits_total',
  'personalization_rule_evaluation_duration_seconds',
  'personalization_flag_client_up',
  'personalization_flag_client_last_fetch_timestamp_seconds',
  'personalization_tagging_queue_depth',
  'personalization_tagging_oldest_pending_job_age_seconds',
  'personalization_tagging_job_failures_total',
  'personalization_events_total',
  'personalization_event_batches_rejected_total',
  'process_cpu_seconds_total',
  'nodejs_eventloop_lag_seconds',
];

interface KindResult {
  kind: Kind;
  requests: number;
  p50: number;
  p99: number;
  perSecond: number;
  non2xx: number;
  serverErrors: number;
  failures: number;
}

const run = async (
  kind: Kind,
  urls: string[],
  seconds: number,
  settings: KindSettings
): Promise<KindResult> => {
  const result = await autocannon({
    url: urls,
    duration: seconds,
    connections: settings.connections,
    overallRate: settings.overallRate,
    requests: [{ setupRequest: settings.next }],
    // autocannon's types take one URL; the library itself takes a list and spreads connections over it.
  } as unknown as autocannon.Options);
  const statusCounts = result.statusCodeStats as unknown as Record<string, { count: number }>;
  const serverErrors = Object.entries(statusCounts)
    .filter(([status]) => status.startsWith('5'))
    .reduce((sum, [, stats]) => sum + stats.count, 0);
  return {
    kind,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    perSecond: result.requests.average,
    non2xx: result.non2xx,
    serverErrors,
    failures: result.errors + result.timeouts,
  };
};

const main = async () => {
  const instances = argument('instances', 1);
  const seconds = argument('seconds', 30);
  const postgresUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.PZ_LOAD_REDIS_URL ?? 'redis://127.0.0.1:6379/7';
  console.log(`Starting ${instances} instance(s) on a new PostgreSQL database and ${redisUrl}…`);
  const cluster = await startCluster({
    instances,
    firstPort: 1351,
    postgresUrl,
    redisUrl,
    // Tagging's model work would take the CPU the requests share; it is measured in bench:tagging.
    env: { PERSONALIZATION_TAGGING_ENABLED: 'false' },
  });
  let failed = false;
  try {
    const [first] = cluster.baseUrls;
    // An administrator, an API token, a rule behind its flag and premium variants of half the articles.
    const token = await setUpPersonalization({
      name: 'load',
      baseUrl: first,
      stop: async () => {},
    });
    const mix = await mixFor(first, token);
    console.log(
      `Mix for ${seconds}s against ${cluster.baseUrls.join(', ')} (connections alternate between instances):`
    );
    const results = await Promise.all(
      (Object.keys(mix) as Kind[]).map((kind) => run(kind, cluster.baseUrls, seconds, mix[kind]))
    );
    console.log(
      `\n  ${'kind'.padEnd(14)} ${'requests'.padStart(9)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}  non-2xx  5xx  conn-errors`
    );
    for (const result of results) {
      console.log(
        `  ${result.kind.padEnd(14)} ${String(result.requests).padStart(9)} ${result.perSecond.toFixed(1).padStart(8)} ${result.p50.toFixed(1).padStart(8)} ${result.p99.toFixed(1).padStart(8)}  ${String(result.non2xx).padStart(7)}  ${String(result.serverErrors).padStart(3)}  ${String(result.failures).padStart(11)}`
      );
    }
    const total = results.reduce((sum, result) => sum + result.perSecond, 0);
    console.log(`  ${'all'.padEnd(14)} ${''.padStart(9)} ${total.toFixed(1).padStart(8)}`);
    const serverErrors = results.reduce((sum, result) => sum + result.serverErrors, 0);
    if (serverErrors > 0) {
      console.error(
        `\n${serverErrors} answer(s) with a 5xx status: failing (logs in ${cluster.logDir})`
      );
      failed = true;
    }

    for (const [index, baseUrl] of cluster.baseUrls.entries()) {
      const response = await fetch(`${baseUrl}/api/personalization/metrics`, {
        headers: { Authorization: `Bearer ${METRICS_SECRET}` },
      });
      const text = await response.text();
      const missing = SERIES.filter((series) => !new RegExp(`^${series}`, 'm').test(text));
      console.log(
        `\n/metrics of instance ${index + 1}: ${response.status}, ${SERIES.length - missing.length}/${SERIES.length} listed series present${missing.length ? `; missing: ${missing.join(', ')}` : ''}`
      );
      const decisions = text.match(/^personalization_decisions_total\{.*$/gm) ?? [];
      decisions.forEach((line) => console.log(`  ${line}`));
      if (!response.ok || missing.length > 0) failed = true;
    }
  } finally {
    await cluster.stop();
  }
  if (failed) process.exit(1);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
