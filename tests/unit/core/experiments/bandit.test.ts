import gammaln from '@stdlib/math-base-special-gammaln';
import {
  assignmentArms,
  createExperimentsDecider,
  type ExperimentArm,
  type RunningExperiment,
} from '../../../../src/plugins/personalization/server/src/core/experiments';
import {
  applyFloor,
  banditScopeOf,
  betaPosterior,
  DEFAULT_BANDIT_SETTINGS,
  normalPosterior,
  probabilityBest,
  reweight,
  settingsFor,
  type ArmEvidence,
} from '../../../../src/plugins/personalization/server/src/core/experiments/bandit';

const lnBeta = (a: number, b: number) => gammaln(a) + gammaln(b) - gammaln(a + b);

/**
 * P(p_B > p_A) for p_A ~ Beta(αA, βA), p_B ~ Beta(αB, βB) with integer αB, in closed form
 * (Evan Miller, "Formulas for Bayesian A/B Testing", 2015):
 *   Σ_{i=0}^{αB−1} B(αA + i, βA + βB) / ((βB + i) · B(1 + i, βB) · B(αA, βA))
 */
const evanMillerBBeatsA = (aA: number, bA: number, aB: number, bB: number): number => {
  let total = 0;
  for (let i = 0; i < aB; i += 1) {
    total += Math.exp(
      lnBeta(aA + i, bA + bB) - Math.log(bB + i) - lnBeta(1 + i, bB) - lnBeta(aA, bA)
    );
  }
  return total;
};

const proportion = (arm: string, n: number, successes: number): ArmEvidence => ({
  arm,
  n,
  successes,
  sum: successes,
  sumSquares: successes,
});

describe('Thompson sampling: probability of being best', () => {
  it.each([
    // [n, successes] of A, then of B
    [100, 10, 100, 15],
    [1000, 100, 1000, 110],
    [250, 40, 300, 42],
    [50, 5, 50, 5],
  ])('two arms match the closed form for Beta posteriors (A %i/%i, B %i/%i)', (nA, sA, nB, sB) => {
    const a = betaPosterior(proportion('a', nA, sA));
    const b = betaPosterior(proportion('b', nB, sB));
    if (a.kind !== 'beta' || b.kind !== 'beta') throw new Error('beta posteriors expected');
    const exact = evanMillerBBeatsA(a.alpha, a.beta, b.alpha, b.beta);
    const [, simulated] = probabilityBest([a, b], 7, 200_000);
    // Monte Carlo standard error at 200k draws is ≤ 0.0012: 0.005 is about four of them.
    expect(Math.abs(simulated - exact)).toBeLessThan(0.005);
  });

  it('the closed form itself: equal evidence is a coin toss, and it agrees with a known value', () => {
    expect(evanMillerBBeatsA(6, 46, 6, 46)).toBeCloseTo(0.5, 10);
    // Beta(2, 1) vs Beta(1, 1): P(U < V) with V ~ max of two uniforms = 2/3 exactly.
    expect(evanMillerBBeatsA(1, 1, 2, 1)).toBeCloseTo(2 / 3, 10);
  });

  it('three or more arms: seeded, reproducible, summing to 1, ordered by evidence', () => {
    const posteriors = [
      proportion('base', 500, 50),
      proportion('b', 500, 60),
      proportion('c', 500, 75),
      proportion('d', 500, 40),
    ].map(betaPosterior);
    const first = probabilityBest(posteriors, 42);
    expect(probabilityBest(posteriors, 42)).toEqual(first);
    expect(probabilityBest(posteriors, 43)).not.toEqual(first);
    expect(first.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 10);
    expect(first[2]).toBeGreaterThan(0.9);
    expect(first[1]).toBeGreaterThan(first[0]);
    expect(first[0]).toBeGreaterThan(first[3]);
  });

  it('Gaussian posteriors for means: two arms match Φ((μB − μA) / √(σA² + σB²))', () => {
    const a = normalPosterior({
      arm: 'a',
      n: 100,
      successes: 0,
      sum: 1000,
      sumSquares: 1000 * 10 + 99 * 4,
    });
    const b = { kind: 'normal' as const, mean: 10.3, sd: 0.2 };
    if (a.kind !== 'normal') throw new Error('normal posterior expected');
    expect(a.mean).toBeCloseTo(10, 10);
    expect(a.sd).toBeCloseTo(0.2, 10);
    // (10.3 − 10) / √(0.04 + 0.04) = 1.06066 → Φ = 0.855500
    const [, simulated] = probabilityBest([a, b], 3, 200_000);
    expect(simulated).toBeCloseTo(0.8555, 2);
  });
});

describe('reweight: burn-in and floor', () => {
  const settings = { ...DEFAULT_BANDIT_SETTINGS, burnIn: 100, floor: 0.05 };

  it('keeps the current weights until every arm has the burn-in’s exposures', () => {
    const result = reweight({
      metric: 'proportion',
      arms: ['base', 'b'],
      evidence: [proportion('base', 500, 10), proportion('b', 99, 50)],
      current: { base: 1, b: 3 },
      settings,
    });
    expect(result.reweighted).toBe(false);
    expect(result.probabilities).toBeNull();
    expect(result.weights).toEqual({ base: 0.25, b: 0.75 });
    expect(result.exposures).toEqual({ base: 500, b: 99 });
  });

  it('an arm with no exposures at all holds the bandit in burn-in', () => {
    const result = reweight({
      metric: 'proportion',
      arms: ['base', 'b', 'c'],
      evidence: [proportion('base', 500, 10), proportion('b', 500, 50)],
      current: { base: 1, b: 1, c: 1 },
      settings,
    });
    expect(result.reweighted).toBe(false);
    expect(result.exposures.c).toBe(0);
  });

  it('after burn-in, weights follow the probabilities, with every arm at the floor or above', () => {
    const result = reweight({
      metric: 'proportion',
      arms: ['base', 'b', 'c'],
      evidence: [
        proportion('base', 1000, 50),
        proportion('b', 1000, 150),
        proportion('c', 1000, 40),
      ],
      current: { base: 1, b: 1, c: 1 },
      settings,
    });
    expect(result.reweighted).toBe(true);
    const weights = Object.values(result.weights);
    expect(weights.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 12);
    expect(Math.min(...weights)).toBeGreaterThanOrEqual(0.05 - 1e-12);
    expect(result.weights.b).toBeCloseTo(1 - 2 * 0.05, 2);
    expect(result.posteriors.b).toEqual({ kind: 'beta', alpha: 151, beta: 851 });
  });

  it.each([
    [[1, 0, 0], 0.01, [0.98, 0.01, 0.01]],
    [[0.5, 0.5, 0], 0.1, [0.45, 0.45, 0.1]],
    [[0.7, 0.3], 0.6, [0.5, 0.5]],
  ])('applyFloor(%j, %d) = %j', (probabilities, floor, expected) => {
    applyFloor(probabilities, floor).forEach((value, index) =>
      expect(value).toBeCloseTo(expected[index], 12)
    );
  });
});

describe('bandit scopes and settings', () => {
  const config = {
    settings: { burnIn: 50 },
    segments: [{ segment: 'sports', settings: { floor: 0.1 } }, { segment: 'news' }],
  };
  it.each([
    [['news', 'sports'], 'sports'],
    [['news'], 'news'],
    [['other'], '*'],
    [[], '*'],
  ])('a caller in %j belongs to the %s bandit', (segments, scope) => {
    expect(banditScopeOf(config, segments)).toBe(scope);
  });

  it('a segment’s settings override the experiment’s, which override the defaults', () => {
    expect(settingsFor(config, 'sports')).toEqual({
      ...DEFAULT_BANDIT_SETTINGS,
      burnIn: 50,
      floor: 0.1,
    });
    expect(settingsFor(config, '*')).toEqual({ ...DEFAULT_BANDIT_SETTINGS, burnIn: 50 });
  });
});

describe('the experiments decider with bandit weights', () => {
  const experiment = (weights: Record<string, ExperimentArm[]>): RunningExperiment => ({
    id: 'bandit-doc',
    name: 'newsletter',
    contentType: 'api::promotion.promotion',
    entryFilter: null,
    arms: [
      { name: 'base', weight: 1 },
      { name: 'sports', weight: 1 },
    ],
    targeting: {},
    phase: 1,
    bandit: { config: { segments: [{ segment: 'sports-fans' }] }, weights },
  });
  const allTo = (arm: string): ExperimentArm[] => [
    { name: 'base', weight: arm === 'base' ? 1 : 0 },
    { name: 'sports', weight: arm === 'sports' ? 1 : 0 },
  ];
  const entry = { documentId: 'n1', tags: [], variants: ['sports'], fields: {} };
  const armFor = (
    running: RunningExperiment,
    callerKey: string,
    segments: string[],
    assigned = new Map<string, string>()
  ) =>
    createExperimentsDecider({
      experiments: [running],
      callerKey,
      segments,
      assigned,
      flagEnabled: () => true,
    }).decide(entry)?.experiment?.arm;

  it('assigns new callers with their own scope’s weights', () => {
    const running = experiment({ 'sports-fans': allTo('sports'), '*': allTo('base') });
    for (let index = 0; index < 20; index += 1) {
      expect(armFor(running, `fan-${index}`, ['sports-fans'])).toBe('sports');
      expect(armFor(running, `other-${index}`, ['news'])).toBe('base');
    }
  });

  it('keeps a caller’s stored arm whatever the weights become (sticky across reweights)', () => {
    const before = experiment({});
    const callers = Array.from({ length: 40 }, (_, index) => `caller-${index}`);
    const stored = new Map(callers.map((key) => [key, armFor(before, key, ['sports-fans'])!]));
    expect(new Set(stored.values())).toEqual(new Set(['base', 'sports']));
    const after = experiment({ 'sports-fans': allTo('sports'), '*': allTo('sports') });
    for (const key of callers) {
      const assigned = new Map([['bandit-doc', stored.get(key)!]]);
      expect(armFor(after, key, ['sports-fans'], assigned)).toBe(stored.get(key));
    }
  });

  it('a scope not reweighted yet serves the configured weights', () => {
    expect(assignmentArms(experiment({ '*': allTo('base') }), ['sports-fans'])).toEqual([
      { name: 'base', weight: 1 },
      { name: 'sports', weight: 1 },
    ]);
  });
});
