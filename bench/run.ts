import fs from 'node:fs';
import path from 'node:path';
import { ROOT, startInstance, type Instance } from './lib/instance';
import { compare, type Figures } from './lib/measure';
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

    console.log('Starting two instances of the compiled app (plugin on / plugin off)…');
    const pluginOn = await startInstance('plugin-on', 1341, { PERSONALIZATION_ENABLED: 'true' });
    instances.push(pluginOn);
    const pluginOff = await startInstance('plugin-off', 1342, { PERSONALIZATION_ENABLED: 'false' });
    instances.push(pluginOff);

    const listPath = '/api/articles?pagination[pageSize]=25';
    console.log(
      `Measuring GET ${listPath}: ${ROUNDS} alternating rounds of ${DURATION_SECONDS}s, ${CONNECTIONS} connections`
    );
    const [on, off] = await compare(
      [
        { label: 'plugin enabled', url: `${pluginOn.baseUrl}${listPath}` },
        { label: 'plugin disabled', url: `${pluginOff.baseUrl}${listPath}` },
      ],
      ROUNDS,
      { connections: CONNECTIONS, durationSeconds: DURATION_SECONDS }
    );

    const comparisons: Comparison[] = [
      {
        name: 'articles-list-plugin-on-vs-off',
        description: `GET ${listPath} with the personalization plugin enabled vs disabled`,
        subject: { label: 'plugin enabled', figures: on },
        baseline: { label: 'plugin disabled', figures: off },
        ratios: {
          p50: ratio(on.p50, off.p50),
          p99: ratio(on.p99, off.p99),
          requestsPerSecond: ratio(on.requestsPerSecond, off.requestsPerSecond),
        },
      },
    ];

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
