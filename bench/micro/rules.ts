import { Bench } from 'tinybench';
import { InMemStorageProvider, Unleash } from 'unleash-client';
import {
  buildCallerView,
  buildTemplateContext,
} from '../../src/plugins/personalization/server/src/core/context/template-context';
import {
  createLocalFlagClient,
  toUnleashContext,
  toUnleashFeature,
  type LocalFlag,
} from '../../src/plugins/personalization/server/src/core/flags';
import {
  decide,
  renderRule,
  type RuleDefinition,
} from '../../src/plugins/personalization/server/src/core/rules';
import {
  createSandbox,
  createTemplateLibrary,
  DEFAULT_SANDBOX_LIMITS,
  type TemplateSource,
} from '../../src/plugins/personalization/server/src/core/templates';

export interface MicroComparison {
  name: string;
  description: string;
  subject: { label: string; opsPerSecond: number; meanMs: number };
  baseline: { label: string; opsPerSecond: number; meanMs: number };
  /** Time per operation of the subject over the baseline (1.0 = same cost). */
  ratio: number;
  goal?: string;
}

const TIME_MS = Number(process.env.BENCH_MICRO_MS ?? 1000);

const source: TemplateSource = {
  name: 'by-plan',
  version: 1,
  body: "{% if visitor.traits.plan == params.premiumPlan %}{% variant 'premium' %}{% elsif entry | has_tag: 'Berlin' %}{% variant 'local' %}{% endif %}",
  parameters: [{ name: 'premiumPlan', type: 'string', default: 'pro' }],
};

const caller = { visitorId: 'visitor-42', traits: { plan: 'pro' }, locale: 'en' };
const entry = {
  documentId: 'doc-1',
  tags: ['Berlin', 'Transport'],
  variants: ['premium', 'local'],
};
const fields = { title: 'Night trains return', category: 'travel', summary: 'A short summary.' };

const flag: LocalFlag = {
  name: 'personalization.by-plan',
  enabled: true,
  rollout: 50,
  stickiness: 'default',
  constraints: [],
  variants: [
    { name: 'a', weight: 1 },
    { name: 'b', weight: 1 },
  ],
};

/** Runs two tasks side by side (tinybench, alternated twice to even out drift) and compares them. */
const compareTasks = async (
  name: string,
  description: string,
  subject: [string, () => void],
  baseline: [string, () => void],
  goal?: string
): Promise<MicroComparison> => {
  const bench = new Bench({ time: TIME_MS, warmupTime: 200 });
  bench
    .add(subject[0], subject[1])
    .add(baseline[0], baseline[1])
    .add(`${subject[0]} `, subject[1])
    .add(`${baseline[0]} `, baseline[1]);
  await bench.run();
  const meanOf = (label: string) => {
    const results = bench.tasks
      .filter((task) => task.name.trim() === label)
      .map((task) => (task.result as { latency: { mean: number } }).latency.mean);
    return results.reduce((sum, value) => sum + value, 0) / results.length;
  };
  const subjectMs = meanOf(subject[0]);
  const baselineMs = meanOf(baseline[0]);
  return {
    name,
    description,
    subject: { label: subject[0], opsPerSecond: 1000 / subjectMs, meanMs: subjectMs },
    baseline: { label: baseline[0], opsPerSecond: 1000 / baselineMs, meanMs: baselineMs },
    ratio: Number((subjectMs / baselineMs).toFixed(3)),
    goal,
  };
};

export const runRuleBenchmarks = async (): Promise<{
  comparisons: MicroComparison[];
  cacheHitRate: number;
}> => {
  const library = createTemplateLibrary([source]);
  const sandbox = createSandbox({ library: () => library, limits: DEFAULT_SANDBOX_LIMITS });
  const rule: RuleDefinition = {
    name: 'by-plan',
    contentType: 'api::article.article',
    entryFilter: null,
    template: 'by-plan',
    templateVersion: 1,
    params: {},
    priority: 0,
    status: 'active',
    flagName: flag.name,
  };
  const onFlag = { name: flag.name, enabled: true, variant: 'a', payload: null };
  // Built once per request in delivery; every entry and rule of the request shares it.
  const callerView = buildCallerView(caller, { userAttributes: [], now: new Date() });

  const renderer = { sandbox, sourceFor: () => source };
  const entryWithFields = { ...entry, fields };
  const evaluateRule = () =>
    decide({
      rules: [rule],
      entry,
      evaluateFlag: () => onFlag,
      render: (candidate, flagState) =>
        renderRule(renderer, candidate, flagState, callerView, entryWithFields),
    });

  const parsed = sandbox.compiled(source);
  const fixedContext = buildTemplateContext({
    caller: callerView,
    entry: { documentId: entry.documentId, fields, tags: entry.tags },
    params: { premiumPlan: 'pro' },
    variants: entry.variants,
    flag: onFlag,
  });
  // The same engine and parsed template, rendered bare: what the rule machinery adds is the difference.
  const rawRender = () =>
    sandbox.engine.renderSync(parsed, fixedContext.scope, { globals: fixedContext.globals });

  const rules = await compareTasks(
    'rule-evaluation-vs-raw-liquidjs',
    'one rule decided (parameters, context, sandboxed render, variant) vs raw liquidjs renderSync of the same parsed template',
    ['rule evaluation', evaluateRule],
    ['raw liquidjs renderSync', rawRender],
    '≤ 1.2'
  );

  const ours = await createLocalFlagClient([flag], 'bench');
  const rawClient = new Unleash({
    url: 'http://127.0.0.1:9/bench',
    appName: 'bench-raw',
    refreshInterval: 0,
    disableMetrics: true,
    storageProvider: new InMemStorageProvider(),
    bootstrap: { data: [toUnleashFeature(flag)] },
    skipInstanceCountWarning: true,
  });
  await new Promise((resolve) => rawClient.once('ready', resolve));
  const rawContext = toUnleashContext(caller);
  const flags = await compareTasks(
    'flag-check-vs-raw-unleash-client',
    'flag state + variant for a caller through the plugin vs unleash-client isEnabled + getVariant',
    ['plugin flag check', () => ours.evaluate(flag.name, toUnleashContext(caller))],
    [
      'raw unleash-client',
      () => {
        if (rawClient.isEnabled(flag.name, rawContext)) rawClient.getVariant(flag.name, rawContext);
      },
    ],
    '≤ 1.2'
  );
  await ours.destroy();
  rawClient.destroy();

  const stats = sandbox.cacheStats();
  return {
    comparisons: [rules, flags],
    cacheHitRate: stats.hits / Math.max(1, stats.hits + stats.misses),
  };
};
