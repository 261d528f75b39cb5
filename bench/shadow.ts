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

const main = async () => {
  const instances: Instance[] = [];
  try {
    // Tagging off: its background jobs would load the CPU the requests share.
    const common = { PERSONALIZATION_TAGGING_ENABLED: 'false' };
    console.log('Starting two instances of the compiled app…');
    const withShadow = await startInstance('shadow-on', 1351, common);
    instances.push(withShadow);
    const without = await startInstance('shadow-off', 1352, common);
    instances.push(without);
    const token = await setUpPersonalization(withShadow);
    await setUpPersonalization(without);
    await addShadowRule(withShadow, token);

    const listPath = '/api/articles?pagination[pageSize]=25';
    const caller = { 'X-Visitor-Id': 'bench-visitor', 'X-Visitor-Traits': '{"plan":"pro"}' };
    console.log(
      `Measuring GET ${listPath} as a "pro" visitor: ${ROUNDS} alternating rounds of ${DURATION_SECONDS}s, ${CONNECTIONS} connections`
    );
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

    console.log(formatRow('shadow rule at 100 %', on));
    console.log(formatRow('no shadow rule', off));
    const ratio = Number((on.p50 / off.p50).toFixed(3));
    console.log(
      `  shadow evaluations recorded ${report.data.evaluated}, dropped (queue full) ${report.data.dropped}, divergence ${report.data.divergence}`
    );
    console.log(`  p50 ratio shadow at 100 % / no shadow: ${ratio}×   (goal ≤ ${GOAL}×)`);
    if (on.errors + off.errors > 0) throw new Error('requests failed during the measurement');
  } finally {
    await Promise.all(instances.map((instance) => instance.stop()));
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
