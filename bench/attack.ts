import type { ValidationReport } from '../src/plugins/personalization/shared/contracts/templates';
import { createApiToken } from './lib/api-token';
import { fetchRetrying } from './lib/fetch-retrying';
import { formatHealth, summariseLatencies, withHealthProbe } from './lib/health-probe';
import { startInstance, type Instance } from './lib/instance';

/**
 * Issue 11, defect 4 as an attacker plays it: one slow template must not stall the server.
 * a) `POST /templates/validate` with a looping body and as many test cases as the server accepts;
 * b) an active rule whose template loops for some callers, hit by anonymous visitors, each a new
 *    decision (after a control run of ordinary visitors through the same rule). Both run while
 *    `GET /_health` is polled every 20 ms, whose latency shows how long the event loop was held. Each attack runs with the template and with a nested loop
 *    that stays under the memory limit, so only the time bounds can stop it.
 */
const PORT = Number(process.env.BENCH_PORT ?? 1351);
const DELIVERY_REQUESTS = 40;
const DELIVERY_CONCURRENCY = 4;
/** Tried in this order: the first count the server does not refuse with 400 is the attack. */
const TEST_CASE_COUNTS = [100, 50];
const REQUEST_TIMEOUT_MS = 600_000;
const ARTICLE = 'api::article.article';

interface Loop {
  key: string;
  label: string;
  body: string;
}

const LOOPS: Loop[] = [
  {
    key: 'range',
    label: "issue's loop (1..1000000)",
    body: '{% for i in (1..1000000) %}{% endfor %}',
  },
  {
    key: 'nested',
    label: 'nested loop (1..300)³',
    body: '{% assign r = (1..300) %}{% for a in r %}{% for b in r %}{% for c in r %}{% endfor %}{% endfor %}{% endfor %}',
  },
];

interface Answer<Body> {
  status: number;
  body: Body;
  ms: number;
}

const send = async <Body>(
  method: string,
  url: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}
): Promise<Answer<Body>> => {
  const started = performance.now();
  const { response } = await fetchRetrying(url, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  return { status: response.status, body: (text ? JSON.parse(text) : null) as Body, ms };
};

interface StrapiError {
  error?: { message?: string };
}

const errorMessage = (body: unknown): string =>
  (body as StrapiError | null)?.error?.message ?? JSON.stringify(body).slice(0, 300);

/** "3× message a; 1× message b": what went wrong how often, most frequent first. */
const tally = (values: Array<string | null>): string => {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value ?? '—', (counts.get(value ?? '—') ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([value, count]) => `${count}× ${value}`)
    .join('; ');
};

const validateAttack = async (instance: Instance, token: string, loop: Loop) => {
  for (const count of TEST_CASE_COUNTS) {
    const testCases = Array.from({ length: count }, (_, index) => ({
      name: `case ${index}`,
      expected: null,
    }));
    const { result, health } = await withHealthProbe(instance.baseUrl, () =>
      send<{ data: ValidationReport } & StrapiError>(
        'POST',
        `${instance.baseUrl}/api/personalization/templates/validate`,
        { token, body: { name: `validate-${loop.key}`, body: loop.body, testCases } }
      )
    );
    console.log(
      `validate attack [${loop.label}, ${count} test cases]: ${result.ms.toFixed(0)} ms (status ${result.status}), /_health ${formatHealth(health)}`
    );
    if (result.status === 400 && count !== TEST_CASE_COUNTS[TEST_CASE_COUNTS.length - 1]) {
      console.log(`  refused: ${errorMessage(result.body)}`);
      continue;
    }
    const tests = result.status === 200 ? result.body.data.tests : null;
    if (!tests) {
      console.log(`  no test run: ${errorMessage(result.body)}`);
      return;
    }
    const rendering = tests.results.reduce((sum, test) => sum + test.durationMs, 0);
    console.log(
      `  ${tests.total} test cases, ${tests.failed} failed, ${rendering.toFixed(0)} ms rendering in total; errors: ${tally(tests.results.map((test) => test.error))}`
    );
    return;
  }
};

interface DeliveredList {
  data?: Array<{ personalization?: { reason?: string } }>;
}

/** Sends `total` requests, `concurrency` at a time, and returns every answer in order. */
const fire = async <Body>(
  total: number,
  concurrency: number,
  request: (index: number) => Promise<Answer<Body>>
): Promise<Array<Answer<Body>>> => {
  const answers: Array<Answer<Body>> = [];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const index = next;
      next += 1;
      answers[index] = await request(index);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return answers;
};

/** 40 anonymous list requests, 4 at a time, while `/_health` is probed. */
const deliveryRun = async (
  instance: Instance,
  label: string,
  callerHeaders: (index: number) => Record<string, string>
) => {
  const started = performance.now();
  const { result: answers, health } = await withHealthProbe(instance.baseUrl, () =>
    fire(DELIVERY_REQUESTS, DELIVERY_CONCURRENCY, (index) =>
      send<DeliveredList>('GET', `${instance.baseUrl}/api/articles`, {
        headers: callerHeaders(index),
      })
    )
  );
  // The probe's quiet margins (2 × 100 ms) are not part of the run.
  const totalMs = performance.now() - started - 200;
  const perRequest = summariseLatencies(answers.map((answer) => answer.ms));
  console.log(
    `${label}: ${DELIVERY_REQUESTS} requests in ${totalMs.toFixed(0)} ms (${DELIVERY_CONCURRENCY} at a time), per request p50 ${perRequest.p50.toFixed(0)} ms max ${perRequest.max.toFixed(0)} ms, statuses ${tally(answers.map((answer) => String(answer.status)))}, /_health ${formatHealth(health)}`
  );
  const reasons = answers.flatMap((answer) =>
    (answer.body?.data ?? []).map((entry) => entry.personalization?.reason ?? null)
  );
  console.log(`  entry reasons: ${tally(reasons)}`);
};

const deliveryAttack = async (instance: Instance, token: string, loop: Loop) => {
  const api = `${instance.baseUrl}/api/personalization`;
  const name = `attack-${loop.key}`;
  // The loop runs only for callers with the `slow` trait, so the template's own test case passes
  // and the rule can be activated; reading `visitor.id` makes every visitor a new decision.
  const body = `{% if visitor.traits.slow and visitor.id %}${loop.body}{% endif %}`;
  const template = await send('POST', `${api}/templates`, {
    token,
    body: { name, body, testCases: [{ name: 'ordinary callers', expected: null }] },
  });
  const rule = await send('POST', `${api}/rules`, {
    token,
    body: { name, contentType: ARTICLE, template: name, status: 'active' },
  });
  console.log(
    `delivery setup [${loop.label}]: template ${template.status}, active rule ${rule.status} (test case "ordinary callers" has no slow trait)`
  );
  if (template.status !== 201 || rule.status !== 201) {
    console.log(
      `  not set up: ${errorMessage(template.status === 201 ? rule.body : template.body)}`
    );
    return;
  }
  const flag = await send('PUT', `${api}/flags/personalization.${name}`, {
    token,
    body: { enabled: true },
  });
  if (flag.status !== 200) throw new Error(`enabling the flag: ${flag.status}`);
  // Warm-up as an ordinary visitor: loads rule, template and content caches; the loop does not run.
  await send('GET', `${instance.baseUrl}/api/articles`, {
    headers: { 'X-Visitor-Id': `ordinary-${loop.key}` },
  });

  // Control first (the attack may trip the circuit breaker): new visitors without the trait.
  await deliveryRun(instance, `delivery control [${loop.label}, ordinary visitors]`, (index) => ({
    'X-Visitor-Id': `ordinary-${loop.key}-${index}`,
  }));
  await deliveryRun(instance, `delivery attack [${loop.label}]`, (index) => ({
    'X-Visitor-Id': `attacker-${loop.key}-${index}`,
    'X-Visitor-Traits': JSON.stringify({ slow: true }),
  }));

  // The next loop's rule is measured alone.
  const removed = await send('DELETE', `${api}/rules/${name}`, { token });
  if (removed.status !== 204) throw new Error(`deleting rule ${name}: ${removed.status}`);
};

const main = async () => {
  console.log('Starting a fresh instance (SQLite in a temp directory)…');
  const instance = await startInstance('attack', PORT, {
    PERSONALIZATION_TAGGING_ENABLED: 'false',
  });
  try {
    const token = await createApiToken(instance);
    const idle = await withHealthProbe(instance.baseUrl, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    });
    console.log(`idle: /_health ${formatHealth(idle.health)}`);
    for (const loop of LOOPS) await validateAttack(instance, token, loop);
    for (const loop of LOOPS) await deliveryAttack(instance, token, loop);
  } finally {
    await instance.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
