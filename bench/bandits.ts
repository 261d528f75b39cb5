import { parseArgs } from 'node:util';
import { assignArm } from '../src/plugins/personalization/server/src/core/experiments/assign-arm';
import {
  banditScopeOf,
  banditScopes,
  reweight,
  settingsFor,
  type ArmEvidence,
  type BanditConfig,
} from '../src/plugins/personalization/server/src/core/experiments/bandit';
import type { ExperimentArm } from '../src/plugins/personalization/server/src/core/experiments/types';
import { seededRandom } from '../src/plugins/personalization/server/src/core/math/seeded-random';

/**
 * Regret of allocation policies over one seeded stream of callers with known conversion rates per
 * segment and arm. Sports fans (30 % of traffic) convert best on the sports edition; everyone
 * else on base, until halfway, when base wears off (10 % → 6 %) and the promo edition (8 %)
 * becomes their best. Every policy sees the same callers in the same order with the same
 * conversion draws (a caller converts when their draw is below the rate of the arm they got), and
 * learns only from what it served. The Thompson policies use the plugin's own core: `reweight`
 * (burn-in, floor, seeded Monte Carlo) after every batch — one batch is one reweight cadence —
 * and `assignArm` for new callers. Regret is expected: per caller, the best arm's rate in their
 * segment at that time minus the rate of the arm they got.
 *
 *   npm run bench:bandits -- --callers 200000 --batches 100
 */
const { values: options } = parseArgs({
  options: {
    callers: { type: 'string', default: '200000' },
    batches: { type: 'string', default: '100' },
    epsilon: { type: 'string', default: '0.1' },
    seed: { type: 'string', default: '20261202' },
  },
});
const callers = Number(options.callers);
const batches = Number(options.batches);
const epsilon = Number(options.epsilon);
const seed = Number(options.seed);
if (![callers, batches, seed].every((value) => Number.isInteger(value) && value > 0)) {
  throw new Error('--callers, --batches and --seed must be positive integers');
}
if (!(epsilon >= 0 && epsilon <= 1)) throw new Error('--epsilon must be between 0 and 1');

const ARMS = ['base', 'sports', 'promo'] as const;
type Arm = (typeof ARMS)[number];
type Segment = 'sports-fans' | 'others';

const SPORTS_SHARE = 0.3;
const rates = (segment: Segment, drifted: boolean): Record<Arm, number> =>
  segment === 'sports-fans'
    ? { base: 0.05, sports: 0.12, promo: 0.06 }
    : { base: drifted ? 0.06 : 0.1, sports: 0.04, promo: 0.08 };

interface Caller {
  key: string;
  segment: Segment;
  convertDraw: number;
  exploreDraw: number;
  pickDraw: number;
}

const random = seededRandom(seed);
const traffic: Caller[] = Array.from({ length: callers }, (_, index) => ({
  key: `caller-${index}`,
  segment: random() < SPORTS_SHARE ? 'sports-fans' : 'others',
  convertDraw: random(),
  exploreDraw: random(),
  pickDraw: random(),
}));

/** A policy picks an arm for a caller and learns from each served caller's outcome. */
interface Policy {
  name: string;
  pick(caller: Caller): Arm;
  learn(caller: Caller, arm: Arm, converted: boolean): void;
  /** End of a batch: the reweight cadence elapsed. */
  reweight(): void;
}

type Evidence = Map<string, Record<Arm, ArmEvidence>>;
const emptyEvidence = (): Record<Arm, ArmEvidence> =>
  Object.fromEntries(
    ARMS.map((arm) => [arm, { arm, n: 0, successes: 0, sum: 0, sumSquares: 0 }])
  ) as Record<Arm, ArmEvidence>;
const record = (evidence: Evidence, scope: string, arm: Arm, converted: boolean) => {
  const forScope = evidence.get(scope) ?? emptyEvidence();
  const entry = forScope[arm];
  entry.n += 1;
  if (converted) {
    entry.successes += 1;
    entry.sum += 1;
    entry.sumSquares += 1;
  }
  evidence.set(scope, forScope);
};

const uniform: Policy = {
  name: 'uniform split',
  pick: (caller) => ARMS[Math.min(ARMS.length - 1, Math.floor(caller.pickDraw * ARMS.length))],
  learn: () => undefined,
  reweight: () => undefined,
};

/** ε-greedy: explore uniformly with probability ε, else the best observed rate so far. */
const epsilonGreedy = (): Policy => {
  const evidence: Evidence = new Map();
  let greedy: Arm = 'base';
  return {
    name: `epsilon-greedy (ε = ${epsilon})`,
    pick: (caller) => (caller.exploreDraw < epsilon ? uniform.pick(caller) : greedy),
    learn: (_caller, arm, converted) => record(evidence, '*', arm, converted),
    reweight() {
      const observed = evidence.get('*');
      if (!observed) return;
      const rate = (arm: Arm) =>
        observed[arm].n > 0 ? observed[arm].successes / observed[arm].n : 0;
      greedy = ARMS.reduce((best, arm) => (rate(arm) > rate(best) ? arm : best), greedy);
    },
  };
};

/** Thompson sampling through the plugin's core, with a bandit per listed segment or one for all. */
const thompson = (name: string, config: BanditConfig): Policy => {
  const evidence: Evidence = new Map();
  const configured: ExperimentArm[] = ARMS.map((arm) => ({ name: arm, weight: 1 }));
  const weights = new Map<string, ExperimentArm[]>();
  const scopeOf = (caller: Caller) => banditScopeOf(config, [caller.segment]);
  return {
    name,
    pick: (caller) =>
      assignArm('bench', caller.key, weights.get(scopeOf(caller)) ?? configured) as Arm,
    learn: (caller, arm, converted) => record(evidence, scopeOf(caller), arm, converted),
    reweight() {
      for (const scope of banditScopes(config)) {
        const current = weights.get(scope) ?? configured;
        const result = reweight({
          metric: 'proportion',
          arms: ARMS,
          evidence: Object.values(evidence.get(scope) ?? emptyEvidence()),
          current: Object.fromEntries(current.map((arm) => [arm.name, arm.weight])),
          settings: settingsFor(config, scope),
        });
        weights.set(
          scope,
          ARMS.map((arm) => ({ name: arm, weight: result.weights[arm] }))
        );
      }
    },
  };
};

const policies: Policy[] = [
  uniform,
  epsilonGreedy(),
  thompson('Thompson (global)', {}),
  thompson('Thompson (per segment)', { segments: [{ segment: 'sports-fans' }] }),
];

const batchSize = Math.ceil(callers / batches);
const results = policies.map((policy) => {
  let regret = 0;
  let conversions = 0;
  let regretAtHalf = 0;
  const started = performance.now();
  traffic.forEach((caller, index) => {
    const drifted = index >= callers / 2;
    if (index === Math.floor(callers / 2)) regretAtHalf = regret;
    const table = rates(caller.segment, drifted);
    const arm = policy.pick(caller);
    const converted = caller.convertDraw < table[arm];
    regret += Math.max(...Object.values(table)) - table[arm];
    if (converted) conversions += 1;
    policy.learn(caller, arm, converted);
    if ((index + 1) % batchSize === 0) policy.reweight();
  });
  return {
    policy: policy.name,
    regret,
    regretBeforeDrift: regretAtHalf,
    regretAfterDrift: regret - regretAtHalf,
    conversions,
    seconds: (performance.now() - started) / 1000,
  };
});

console.log(
  `${callers} callers in ${batches} reweights (${batchSize} each), seed ${seed}; ` +
    `sports fans ${SPORTS_SHARE * 100} %, drift at caller ${Math.floor(callers / 2)}`
);
console.table(
  results.map((result) => ({
    policy: result.policy,
    'cumulative regret': Number(result.regret.toFixed(1)),
    'regret before drift': Number(result.regretBeforeDrift.toFixed(1)),
    'regret after drift': Number(result.regretAfterDrift.toFixed(1)),
    conversions: result.conversions,
    seconds: Number(result.seconds.toFixed(2)),
  }))
);
const regretOf = (name: string) => results.find((result) => result.policy === name)!.regret;
const ratio = (name: string) => (regretOf(name) / regretOf('uniform split')).toFixed(2);
console.log(`Thompson (per segment) vs uniform regret: ${ratio('Thompson (per segment)')}×`);
console.log(`Thompson (global) vs uniform regret: ${ratio('Thompson (global)')}×`);
console.log(
  `Thompson (per segment) vs epsilon-greedy regret: ${(regretOf('Thompson (per segment)') / regretOf(results[1].policy)).toFixed(2)}×`
);
