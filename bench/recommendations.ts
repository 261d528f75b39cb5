import autocannon from 'autocannon';
import { startInstance, type Instance } from './lib/instance';

/**
 * `GET /api/personalization/recommendations/:uid` on the demo with 1,000 profiles: each visitor
 * reads 4–8 articles, most of one favourite category. Then, in one run:
 *  1. first request of every caller (a cache miss: history query + ranking), timed one by one;
 *  2. autocannon over the 1,000 callers (cached per profile revision), beside
 *  3. the demo article list (`GET /api/articles?pagination[pageSize]=10`) for the same callers.
 * Prints p50/p99 of each and the ratios. Goal: p99 of (2) under 50 ms.
 */
const PORT = 1346;
const PROFILES = Number(process.env.BENCH_PROFILES ?? 1000);
const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PATH = '/api/personalization/recommendations/api::article.article?limit=10';

interface Article {
  documentId: string;
  category: string;
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** A small seeded generator so the profiles are the same every run. */
const seeded = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

const createProfiles = async (instance: Instance, articles: Article[]): Promise<void> => {
  const random = seeded(11);
  const categories = [...new Set(articles.map((article) => article.category))];
  const visitors = Array.from({ length: PROFILES }, (_, index) => index);
  const worker = async () => {
    for (let visitor = visitors.shift(); visitor !== undefined; visitor = visitors.shift()) {
      const favourite = categories[visitor % categories.length];
      const count = 4 + Math.floor(random() * 5);
      const events = Array.from({ length: count }, (_, index) => {
        const pool =
          random() < 0.8 ? articles.filter((article) => article.category === favourite) : articles;
        const article = pool[Math.floor(random() * pool.length)];
        return {
          id: `b${visitor}-${index}`,
          type: random() < 0.3 ? 'click' : 'view',
          entry: { uid: 'api::article.article', documentId: article.documentId },
          timestamp: new Date(Date.now() - index * 60_000).toISOString(),
          sessionId: `s${visitor}`,
        };
      });
      const response = await fetch(`${instance.baseUrl}/api/personalization/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-visitor-id': `bench-${visitor}` },
        body: JSON.stringify({ events }),
      });
      if (response.status !== 202)
        throw new Error(`events: ${response.status} ${await response.text()}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
};

const load = async (instance: Instance, path: string) => {
  let next = 0;
  const result = await autocannon({
    url: `${instance.baseUrl}${path}`,
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          next = (next + 1) % PROFILES;
          return { ...request, headers: { 'x-visitor-id': `bench-${next}` } };
        },
      },
    ],
  });
  return {
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
};

const main = async () => {
  const instance = await startInstance('recommendations', PORT, {
    SEED_DEMO_RULES: 'true',
    PERSONALIZATION_CONSENT_DEFAULT_ANALYTICS: 'true',
    PERSONALIZATION_EVENTS_RATE_LIMIT: '100000',
    PERSONALIZATION_TRACK_READS: 'false',
  });
  try {
    const listing = (await (
      await fetch(`${instance.baseUrl}/api/articles?pagination[pageSize]=100`)
    ).json()) as { data: Article[] };
    const started = Date.now();
    await createProfiles(instance, listing.data);
    console.log(
      `${PROFILES} profiles from ${listing.data.length} articles in ${Date.now() - started} ms`
    );

    const misses: number[] = [];
    for (let visitor = 0; visitor < PROFILES; visitor += 1) {
      const start = performance.now();
      const response = await fetch(`${instance.baseUrl}${PATH}`, {
        headers: { 'x-visitor-id': `bench-${visitor}` },
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`recommendations: ${response.status}`);
      misses.push(performance.now() - start);
    }
    const recommendations = await load(instance, PATH);
    const articles = await load(instance, '/api/articles?pagination[pageSize]=10');
    const rows = [
      [
        'first request per caller (sequential)',
        misses.length,
        percentile(misses, 50),
        percentile(misses, 99),
        0,
      ],
      [
        'recommendations, 1,000 callers',
        recommendations.requests,
        recommendations.p50,
        recommendations.p99,
        recommendations.errors,
      ],
      ['article list (reference)', articles.requests, articles.p50, articles.p99, articles.errors],
    ] as const;
    console.log(
      '\nside                                       requests    p50 ms    p99 ms  errors'
    );
    for (const [name, count, p50, p99, errors] of rows) {
      console.log(
        `${name.padEnd(42)} ${String(count).padStart(8)} ${p50.toFixed(1).padStart(9)} ${p99.toFixed(1).padStart(9)} ${String(errors).padStart(7)}`
      );
    }
    console.log(
      `\nrecommendations / article list: p50 ${(recommendations.p50 / Math.max(articles.p50, 0.1)).toFixed(2)}×, p99 ${(recommendations.p99 / Math.max(articles.p99, 0.1)).toFixed(2)}×`
    );
    console.log(
      `goal p99 < 50 ms: ${recommendations.p99 < 50 ? 'met' : 'NOT met'} (${recommendations.p99} ms)`
    );
  } finally {
    await instance.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
