import { parseArgs } from 'node:util';
import { startInstance, type Instance } from '../bench/lib/instance';
import { createApiToken } from '../bench/lib/api-token';
import type { ExperimentResults } from '../src/plugins/personalization/shared/contracts/experiments';
import { seededRandom } from '../src/plugins/personalization/server/src/core/math/seeded-random';

/**
 * Drives synthetic callers through the real HTTP API of an experiment on the demo newsletter
 * promotion: each caller consents to analytics, reads the promotion (assignment and exposure
 * happen in delivery), and converts with the base rate, or the base rate × (1 + lift) in the
 * sports arm; then prints the experiment's results as the dashboard shows them.
 *
 *   npm run simulate:experiment -- --lift 0.1 --callers 20000
 *   npm run simulate:experiment -- --url http://localhost:1337 --token $TOKEN --experiment my-test
 *
 * Without --url it starts its own instance (SQLite, demo content and rules) and creates and
 * starts the experiment; with --url and --experiment it sends traffic to a running experiment
 * (created in the admin, say) whose arms are `base` and the promotion's variant keys.
 */
const { values: options } = parseArgs({
  options: {
    lift: { type: 'string', default: '0.1' },
    baseline: { type: 'string', default: '0.1' },
    callers: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '16' },
    seed: { type: 'string', default: '20261201' },
    url: { type: 'string' },
    token: { type: 'string' },
    experiment: { type: 'string' },
    port: { type: 'string', default: '1391' },
  },
});

const PROMOTION = 'api::promotion.promotion';
const lift = Number(options.lift);
const baseline = Number(options.baseline);
const callers = Number(options.callers);
const concurrency = Number(options.concurrency);
const random = seededRandom(Number(options.seed));

if (![lift, baseline, callers, concurrency].every(Number.isFinite) || baseline <= 0) {
  throw new Error('--lift, --baseline, --callers and --concurrency must be numbers (baseline > 0)');
}
if (baseline * (1 + lift) > 1) throw new Error('--baseline × (1 + --lift) must stay at most 1');

interface Api {
  baseUrl: string;
  call<T>(method: string, path: string, init?: { body?: unknown; visitor?: string }): Promise<T>;
}

const api = (baseUrl: string, token: string): Api => ({
  baseUrl,
  async call<T>(method: string, path: string, init: { body?: unknown; visitor?: string } = {}) {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        'Content-Type': 'application/json',
        ...(init.visitor ? { 'X-Visitor-Id': init.visitor } : { Authorization: `Bearer ${token}` }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    if (!response.ok) {
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    }
    return (response.status === 204 ? null : await response.json()) as T;
  },
});

interface Promotion {
  documentId: string;
  ctaUrl: string;
  personalization: { experiment: { name: string; arm: string } | null };
}

const newsletterId = async (client: Api): Promise<string> => {
  const { data } = await client.call<{ data: Promotion[] }>(
    'GET',
    '/api/promotions?filters[ctaUrl][$eq]=https://example.com/newsletter',
    { visitor: 'simulation-setup' }
  );
  if (!data[0]) throw new Error('the demo newsletter promotion was not found');
  return data[0].documentId;
};

const createExperiment = async (client: Api, documentId: string): Promise<string> => {
  const name = `newsletter-simulation-${Date.now()}`;
  await client.call('POST', '/api/personalization/experiments', {
    body: {
      name,
      hypothesis: 'The sports edition of the newsletter promotion gets more sign-ups',
      contentType: PROMOTION,
      entryFilter: { documentIds: [documentId] },
      arms: [
        { name: 'base', weight: 1 },
        { name: 'sports', weight: 1 },
      ],
      primaryMetric: { name: 'sign-up', kind: 'proportion', events: ['conversion'] },
      baseline: { rate: baseline },
      mde: Math.max(0.01, Math.abs(lift) || 0.1),
    },
  });
  await client.call('POST', `/api/personalization/experiments/${name}/start`, { body: {} });
  return name;
};

/** One caller: consent, read the promotion (assigned and exposed), maybe convert. */
const simulateCaller = async (
  client: Api,
  experiment: string,
  documentId: string,
  visitor: string,
  converts: (arm: string) => boolean
): Promise<string | null> => {
  await client.call('PUT', '/api/personalization/consent', {
    visitor,
    body: { analytics: true },
  });
  const { data } = await client.call<{ data: Promotion }>('GET', `/api/promotions/${documentId}`, {
    visitor,
  });
  const served = data.personalization.experiment;
  if (!served || served.name !== experiment) return null;
  if (converts(served.arm)) {
    await client.call('POST', '/api/personalization/events', {
      visitor,
      body: {
        events: [
          {
            id: `${visitor}-signup`,
            type: 'conversion',
            // Revenue of the sign-up: the proportion metric counts the event, not its value.
            value: 1,
            entry: { uid: PROMOTION, documentId },
            timestamp: new Date().toISOString(),
            sessionId: `${visitor}-session`,
          },
        ],
      },
    });
  }
  return served.arm;
};

const printResults = (results: ExperimentResults) => {
  console.log(`\nexperiment ${results.experiment.name} (phase ${results.experiment.phase})`);
  for (const arm of results.exposures.perArm) {
    console.log(
      `  ${arm.arm}: ${arm.exposures} exposed (${(arm.observedShare * 100).toFixed(1)} %, planned ${(arm.expectedShare * 100).toFixed(1)} %)`
    );
  }
  console.log(
    `  SRM: p = ${results.srm.pValue.toPrecision(3)} ${results.srm.warning ? '(MISMATCH: do not ship)' : '(passes)'}`
  );
  for (const metric of results.metrics) {
    console.log(`  metric ${metric.name} (${metric.kind}${metric.primary ? ', primary' : ''})`);
    for (const arm of metric.arms) {
      const value =
        metric.kind === 'proportion'
          ? `${arm.conversions} conversions, rate ${((arm.rate ?? 0) * 100).toFixed(2)} %`
          : `mean ${arm.mean?.toFixed(3)} sd ${arm.sd?.toFixed(3)}`;
      console.log(`    ${arm.arm}: n ${arm.n}, ${value}`);
    }
    for (const comparison of metric.comparisons) {
      const percent = (value: number) => `${(value * 100).toFixed(2)} %`;
      console.log(
        `    ${comparison.arm} vs base (${comparison.method}): relative lift ${percent(comparison.relative.estimate)} ` +
          `[${percent(comparison.relative.ci[0])}, ${percent(comparison.relative.ci[1])}], ` +
          `absolute ${percent(comparison.absolute.estimate)} [${percent(comparison.absolute.ci[0])}, ${percent(comparison.absolute.ci[1])}], ` +
          `p = ${comparison.pValue.toPrecision(3)}${comparison.significant ? ' (significant)' : ''}`
      );
    }
  }
  const { power, recommendation } = results;
  console.log(
    `  power: planned ${power.plannedPerArm ?? '–'} per arm, reached ${power.reached === null ? '–' : `${(power.reached * 100).toFixed(0)} %`}`
  );
  console.log(
    `  recommendation: ${recommendation.action}${recommendation.arm ? ` ${recommendation.arm}` : ''} (${recommendation.reason})`
  );
};

const main = async () => {
  let instance: Instance | null = null;
  let client: Api;
  if (options.url) {
    if (!options.token) throw new Error('--url needs --token (an API token with full access)');
    client = api(options.url.replace(/\/$/, ''), options.token);
  } else {
    console.log('starting an instance with the demo content and rules…');
    instance = await startInstance('simulation', Number(options.port), {
      SEED_DEMO_RULES: 'true',
    });
    client = api(instance.baseUrl, await createApiToken(instance));
  }
  try {
    const documentId = await newsletterId(client);
    const experiment = options.experiment ?? (await createExperiment(client, documentId));
    const rates = (arm: string) => (arm === 'base' ? baseline : baseline * (1 + lift));
    const run = Date.now().toString(36);
    console.log(
      `${callers} callers through ${client.baseUrl}, experiment ${experiment}: base rate ${baseline}, lift ${lift}`
    );
    const started = Date.now();
    const served = new Map<string, number>();
    let next = 0;
    const worker = async () => {
      while (next < callers) {
        const index = next;
        next += 1;
        const arm = await simulateCaller(
          client,
          experiment,
          documentId,
          `sim-${run}-${index}`,
          (assigned) => random() < rates(assigned)
        );
        if (arm) served.set(arm, (served.get(arm) ?? 0) + 1);
        if ((index + 1) % 2000 === 0) console.log(`  ${index + 1} callers`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `sent in ${seconds.toFixed(0)} s (${((callers * 3) / seconds).toFixed(0)} requests/s); served: ${[...served].map(([arm, n]) => `${arm} ${n}`).join(', ')}`
    );
    const { data } = await client.call<{ data: ExperimentResults }>(
      'GET',
      `/api/personalization/experiments/${experiment}/results`
    );
    printResults(data);
  } finally {
    await instance?.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
