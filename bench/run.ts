import fs from 'node:fs';
import path from 'node:path';
import { ROOT, startInstance, type Instance } from './lib/instance';
import { compare, type Figures } from './lib/measure';
import { setUpPersonalization } from './lib/setup-rules';
import { runRuleBenchmarks, type MicroComparison } from './micro/rules';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const RESULTS_FILE = path.join(ROOT, 'bench', 'results', 'latest.json');

interface Comparison {
  name: string;
  description: string;
  subject: { label: string; figures: Figures };
  baseline: { label: string; figures: Figures };
  ratios: { p50: number; p99: number; requestsPerSecond: number };
}

const ratio = (subject: number, baseline: number): number =>
  baseline === 0 ? Number.NaN : Number((subject / baseline).toFixed(3));

const formatRow = (label: string, figures: Figures): string =>
  `  ${label.padEnd(28)} p50 ${figures.p50.toFixed(1).padStart(7)} ms   p99 ${figures.p99
    .toFixed(1)
    .padStart(
      7
    )} ms   ${figures.requestsPerSecond.toFixed(0).padStart(6)} req/s   errors ${figures.errors}`;

const printMicro = (comparison: MicroComparison) => {
  console.log(`\n${comparison.description}`);
  for (const side of [comparison.subject, comparison.baseline]) {
    console.log(
      `  ${side.label.padEnd(28)} ${(side.meanMs * 1000).toFixed(2).padStart(8)} µs/op   ${side.opsPerSecond.toFixed(0).padStart(8)} ops/s`
    );
  }
  console.log(
    `  ratio (subject / baseline)   ${comparison.ratio}×${comparison.goal ? `   goal ${comparison.goal}` : ''}`
  );
};

const main = async () => {
  const instances: Instance[] = [];
  try {
    console.log('In-process: rules and flags (tinybench, each pair measured twice, alternating)…');
    const micro = await runRuleBenchmarks();
    micro.comparisons.forEach(printMicro);
    console.log(
      `\n  compiled-template cache hit rate during the rule benchmark: ${(micro.cacheHitRate * 100).toFixed(3)} %`
    );

    // Tagging is off in the HTTP instances: its background jobs would load the CPU the requests share.
    const common = { PERSONALIZATION_TAGGING_ENABLED: 'false' };
    console.log('\nStarting four instances of the compiled app…');
    const pluginOn = await startInstance('plugin-on', 1341, {
      ...common,
      PERSONALIZATION_ENABLED: 'true',
    });
    instances.push(pluginOn);
    const pluginOff = await startInstance('plugin-off', 1342, {
      ...common,
      PERSONALIZATION_ENABLED: 'false',
    });
    instances.push(pluginOff);
    const deliveryOff = await startInstance('delivery-off', 1343, {
      ...common,
      PERSONALIZATION_DELIVERY_ENABLED: 'false',
    });
    instances.push(deliveryOff);
    const cacheOff = await startInstance('cache-off', 1344, {
      ...common,
      PERSONALIZATION_CACHE_ENABLED: 'false',
    });
    instances.push(cacheOff);
    for (const instance of [pluginOn, deliveryOff, cacheOff]) {
      await setUpPersonalization(instance);
    }

    const listPath = '/api/articles?pagination[pageSize]=25';
    const caller = { 'X-Visitor-Id': 'bench-visitor', 'X-Visitor-Traits': '{"plan":"pro"}' };
    const settings = { connections: CONNECTIONS, durationSeconds: DURATION_SECONDS };
    console.log(
      `Measuring GET ${listPath}: ${ROUNDS} alternating rounds of ${DURATION_SECONDS}s, ${CONNECTIONS} connections`
    );

    const comparisons: Comparison[] = [];
    const measure = async (
      name: string,
      description: string,
      subject: { label: string; url: string; headers?: Record<string, string> },
      baseline: { label: string; url: string; headers?: Record<string, string> }
    ) => {
      const [subjectFigures, baselineFigures] = await compare(
        [subject, baseline],
        ROUNDS,
        settings
      );
      comparisons.push({
        name,
        description,
        subject: { label: subject.label, figures: subjectFigures },
        baseline: { label: baseline.label, figures: baselineFigures },
        ratios: {
          p50: ratio(subjectFigures.p50, baselineFigures.p50),
          p99: ratio(subjectFigures.p99, baselineFigures.p99),
          requestsPerSecond: ratio(
            subjectFigures.requestsPerSecond,
            baselineFigures.requestsPerSecond
          ),
        },
      });
    };

    await measure(
      'articles-list-plugin-on-vs-off',
      `GET ${listPath} without caller headers, plugin enabled vs plugin not loaded`,
      { label: 'plugin enabled', url: `${pluginOn.baseUrl}${listPath}` },
      { label: 'plugin disabled', url: `${pluginOff.baseUrl}${listPath}` }
    );
    await measure(
      'personalized-list-vs-delivery-disabled',
      `GET ${listPath} as a "pro" visitor, rules + variants + warm decision cache vs delivery disabled (goal p50 ≤ 1.10)`,
      {
        label: 'personalized (warm cache)',
        url: `${pluginOn.baseUrl}${listPath}`,
        headers: caller,
      },
      { label: 'delivery disabled', url: `${deliveryOff.baseUrl}${listPath}`, headers: caller }
    );
    await measure(
      'personalized-list-response-cache-vs-plain-strapi',
      `GET ${listPath} as a "pro" visitor, plugin + warm response and decision caches vs plain Strapi with the plugin not loaded (goal p50 ≤ 0.5)`,
      {
        label: 'personalized (response cache)',
        url: `${pluginOn.baseUrl}${listPath}`,
        headers: caller,
      },
      { label: 'plain Strapi', url: `${pluginOff.baseUrl}${listPath}`, headers: caller }
    );
    await measure(
      'warm-decision-cache-vs-uncached',
      `GET ${listPath} as a "pro" visitor, warm decision cache vs cache disabled (goal ≤ 0.5)`,
      { label: 'warm decision cache', url: `${pluginOn.baseUrl}${listPath}`, headers: caller },
      { label: 'no decision cache', url: `${cacheOff.baseUrl}${listPath}`, headers: caller }
    );

    for (const comparison of comparisons) {
      console.log(`\n${comparison.description}`);
      console.log(formatRow(comparison.subject.label, comparison.subject.figures));
      console.log(formatRow(comparison.baseline.label, comparison.baseline.figures));
      console.log(
        `  ratio (on / off)             p50 ${comparison.ratios.p50}×   p99 ${comparison.ratios.p99}×   req/s ${comparison.ratios.requestsPerSecond}×`
      );
    }

    fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
    fs.writeFileSync(
      RESULTS_FILE,
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          node: process.version,
          settings: { rounds: ROUNDS, durationSeconds: DURATION_SECONDS, connections: CONNECTIONS },
          comparisons,
          micro: micro.comparisons,
          compiledTemplateCacheHitRate: micro.cacheHitRate,
        },
        null,
        2
      )}\n`
    );
    console.log(`\nWrote ${path.relative(ROOT, RESULTS_FILE)}`);

    const failed = comparisons.filter(
      (comparison) => comparison.subject.figures.errors + comparison.baseline.figures.errors > 0
    );
    if (failed.length > 0) {
      throw new Error(
        `requests failed during: ${failed.map((comparison) => comparison.name).join(', ')}`
      );
    }
  } finally {
    await Promise.all(instances.map((instance) => instance.stop()));
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
