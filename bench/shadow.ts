import { startInstance, type Instance } from './lib/instance';
import { postJson } from './lib/api-token';
import { compare, type Figures } from './lib/measure';
import { setUpPersonalization } from './lib/setup-rules';

/**
 * Shadow rules stay off the response's critical path: p50 of the personalized articles list with a
 * shadow rule evaluated for 100 % of requests vs the same setup without one, in alternating rounds
 * (goal ≤ 1.05×).
 */

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const GOAL = 1.05;

const formatRow = (label: string, figures: Figures): string =>
  `  ${label.padEnd(24)} p50 ${figures.p50.toFixed(1).padStart(7)} ms   p99 ${figures.p99
    .toFixed(1)
    .padStart(7)} ms   ${figures.requestsPerSecond.toFixed(0).padStart(6)} req/s   errors ${
    figures.errors
  }`;

/** A candidate that reads the same traits as the live rule and disagrees with it for "pro" visitors. */
const addShadowRule = async (instance: Instance, token: string): Promise<void> => {
  const api = `${instance.baseUrl}/api/personalization`;
  await postJson(
    `${api}/templates`,
    {
      name: 'by-plan-candidate',
      body: "{% if visitor.traits.plan == 'pro' and entry.category == 'sports' %}{% variant 'premium' %}{% endif %}",
    },
    token
  );
  await postJson(
    `${api}/rules`,
    {
      name: 'plan-premium-candidate',
      contentType: 'api::article.article',
      template: 'by-plan-candidate',
      priority: 10,
      status: 'shadow',
      shadow: { sampleRate: 1 },
    },
    token
  );
};

interface Pair {
  on: Figures;
  off: Figures;
  evaluated: number;
  dropped: number;
  divergence: number | null;
}

/** Two fresh instances (one with the shadow rule), measured side by side in alternating rounds. */
const measurePair = async (
  name: string,
  ports: [number, number],
  env: Record<string, string>,
  instances: Instance[]
): Promise<Pair> => {
  const withShadow = await startInstance(`${name}-on`, ports[0], env);
  instances.push(withShadow);
  const without = await startInstance(`${name}-off`, ports[1], env);
  instances.push(without);
  const token = await setUpPersonalization(withShadow);
  await setUpPersonalization(without);
  await addShadowRule(withShadow, token);

  const listPath = '/api/articles?pagination[pageSize]=25';
  const caller = { 'X-Visitor-Id': 'bench-visitor', 'X-Visitor-Traits': '{"plan":"pro"}' };
  const [on, off] = await compare(
    [
      { label: 'shadow rule at 100 %', url: `${withShadow.baseUrl}${listPath}`, headers: caller },
      { label: 'no shadow rule', url: `${without.baseUrl}${listPath}`, headers: caller },
    ],
    ROUNDS,
    { connections: CONNECTIONS, durationSeconds: DURATION_SECONDS }
  );
  const report = (await (
    await fetch(
      `${withShadow.baseUrl}/api/personalization/rules/plan-premium-candidate/shadow-report`,
      { headers: { Authorization: `Bearer ${token}` } }
    )
  ).json()) as { data: { evaluated: number; dropped: number; divergence: number | null } };
  await Promise.all([withShadow.stop(), without.stop()]);
  instances.splice(instances.indexOf(withShadow), 2);
  return { on, off, ...report.data };
};

const printPair = (title: string, pair: Pair, goal: boolean) => {
  console.log(`\n${title}`);
  console.log(formatRow('shadow rule at 100 %', pair.on));
  console.log(formatRow('no shadow rule', pair.off));
  console.log(
    `  shadow evaluations recorded ${pair.evaluated}, dropped (queue full) ${pair.dropped}, divergence ${pair.divergence}`
  );
  const ratio = Number((pair.on.p50 / pair.off.p50).toFixed(3));
  console.log(
    `  p50 ratio shadow at 100 % / no shadow: ${ratio}×${goal ? `   (goal ≤ ${GOAL}×)` : ''}`
  );
};

const main = async () => {
  const instances: Instance[] = [];
  try {
    // Tagging off: its background jobs would load the CPU the requests share.
    const common = { PERSONALIZATION_TAGGING_ENABLED: 'false' };
    console.log(
      `GET /api/articles?pagination[pageSize]=25 as a "pro" visitor: ${ROUNDS} alternating rounds of ${DURATION_SECONDS}s, ${CONNECTIONS} connections`
    );
    const cached = await measurePair('shadow', [1351, 1352], common, instances);
    // Worst case: no decision cache, so every request renders the live rule and the candidate.
    const uncached = await measurePair(
      'shadow-uncached',
      [1353, 1354],
      { ...common, PERSONALIZATION_CACHE_ENABLED: 'false' },
      instances
    );
    printPair('Decision caches on (the default):', cached, true);
    printPair('Decision caches off (every decision rendered, live and shadow):', uncached, false);
    const errors = [cached, uncached].reduce(
      (sum, pair) => sum + pair.on.errors + pair.off.errors,
      0
    );
    if (errors > 0) throw new Error('requests failed during the measurement');
  } finally {
    await Promise.all(instances.map((instance) => instance.stop()));
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
