import type { Decider } from '../../../../src/plugins/personalization/server/src/core/rules';
import type { RuleDefinition } from '../../../../src/plugins/personalization/server/src/core/rules';
import {
  addOutcome,
  cachedDecider,
  candidateFlag,
  candidateRules,
  emptyTally,
  evaluateShadow,
  isShadowed,
  mergeTallies,
  sampleRateOf,
  summarizeTally,
  type ShadowOutcome,
} from '../../../../src/plugins/personalization/server/src/core/shadow';

const rule = (name: string, overrides: Partial<RuleDefinition> = {}): RuleDefinition => ({
  name,
  contentType: 'api::article.article',
  entryFilter: null,
  template: name,
  templateVersion: 1,
  params: {},
  priority: 0,
  status: 'active',
  flagName: `personalization.${name}`,
  ...overrides,
});

const limits = { examples: 2, errors: 2 };

const outcome = (overrides: Partial<ShadowOutcome> = {}): ShadowOutcome => ({
  decisions: 1,
  divergedDecisions: 0,
  segments: [],
  callerKey: 'key',
  traits: {},
  differences: [],
  error: null,
  durationMs: 1,
  ...overrides,
});

describe('shadow candidates', () => {
  it.each([
    ['a shadow rule', true, rule('a', { status: 'shadow' })],
    ['a live rule with a candidate version', true, rule('a', { shadow: { templateVersion: 2 } })],
    ['a live rule with only a sample rate', false, rule('a', { shadow: { sampleRate: 1 } })],
    ['a live rule', false, rule('a')],
    ['a disabled rule', false, rule('a', { status: 'disabled' })],
  ])('%s is shadowed: %s', (_label, expected, definition) => {
    expect(isShadowed(definition)).toBe(expected);
  });

  it('replaces only the shadowed rule by its candidate: active, with the candidate version', () => {
    const rules = [rule('live'), rule('new', { status: 'shadow', shadow: { templateVersion: 3 } })];
    expect(candidateRules(rules, 'new')).toEqual([
      rules[0],
      { ...rules[1], status: 'active', templateVersion: 3, shadow: null },
    ]);
  });

  it('turns the flag on for a shadow rule only', () => {
    const flag = { name: 'f', enabled: false, variant: null, payload: null };
    expect(candidateFlag(rule('a', { status: 'shadow' }), flag).enabled).toBe(true);
    expect(candidateFlag(rule('a', { shadow: { templateVersion: 2 } }), flag).enabled).toBe(false);
  });

  it('takes the rule sample rate over the default', () => {
    expect(sampleRateOf(rule('a', { shadow: { sampleRate: 0.5 } }), 0.1)).toBe(0.5);
    expect(sampleRateOf(rule('a', { status: 'shadow' }), 0.1)).toBe(0.1);
  });
});

describe('shadow evaluation', () => {
  const answering = (variant: string | null, error = false): Decider => ({
    name: 'rules',
    cacheable: true,
    decide: () => ({
      variant,
      reason: error ? 'rule-error' : 'rule',
      rule: { name: 'new', version: 1 },
      flag: null,
      trace: error
        ? [
            {
              rule: 'new',
              priority: 0,
              templateVersion: 1,
              outcome: 'error',
              flag: null,
              output: null,
              variant: null,
              error: 'output limit exceeded',
              durationMs: 0,
            },
          ]
        : [],
    }),
  });
  const entry = (documentId: string) => ({
    documentId,
    tags: [],
    variants: ['premium'],
    fields: {},
  });
  const caller = { key: 'pseudonym', segments: ['readers'], traits: { plan: 'pro' } };

  it('counts the entries whose variant would differ', () => {
    const result = evaluateShadow({
      rule: 'new',
      deciders: [answering('premium')],
      entries: [
        { entry: entry('a'), live: null },
        { entry: entry('b'), live: 'premium' },
      ],
      caller,
    });
    expect(result).toMatchObject({ decisions: 2, divergedDecisions: 1, error: null });
    expect(result.differences).toEqual([{ documentId: 'a', live: null, candidate: 'premium' }]);
  });

  it("records the candidate's error and a thrown one, never throwing", () => {
    const failed = evaluateShadow({
      rule: 'new',
      deciders: [answering(null, true)],
      entries: [{ entry: entry('a'), live: null }],
      caller,
    });
    expect(failed.error).toBe('a: output limit exceeded');
    const throwing: Decider = {
      name: 'rules',
      cacheable: true,
      decide: () => {
        throw new Error('boom');
      },
    };
    const thrown = evaluateShadow({
      rule: 'new',
      deciders: [throwing],
      entries: [{ entry: entry('a'), live: null }],
      caller,
    });
    expect(thrown.error).toBe('boom');
  });
});

describe('shadow tallies', () => {
  it('counts overall and per segment, keeps bounded examples and errors, and merges', () => {
    const tally = emptyTally();
    addOutcome(tally, outcome({ divergedDecisions: 1, segments: ['a', 'b'] }), limits);
    addOutcome(tally, outcome({ segments: ['a'], error: 'e1', durationMs: 7 }), limits);
    addOutcome(tally, outcome({ divergedDecisions: 2, error: 'e2' }), limits);
    addOutcome(tally, outcome({ divergedDecisions: 1, error: 'e3', durationMs: 200 }), limits);
    const summary = summarizeTally(tally);
    expect(summary).toMatchObject({
      evaluated: 4,
      diverged: 3,
      divergence: 0.75,
      decisions: 4,
      divergedDecisions: 4,
      errors: 3,
      recentErrors: ['e2', 'e3'],
    });
    expect(summary.segments).toEqual([
      { segment: '(no segment)', evaluated: 2, diverged: 2, divergence: 1 },
      { segment: 'a', evaluated: 2, diverged: 1, divergence: 0.5 },
      { segment: 'b', evaluated: 1, diverged: 1, divergence: 1 },
    ]);
    expect(summary.examples).toHaveLength(2);
    expect(summary.timing).toMatchObject({ count: 4, meanMs: 52.25, maxMs: 200 });
    expect(summary.timing.histogram.map((bucket) => bucket.count)).toEqual([
      2, 0, 0, 1, 0, 0, 0, 1,
    ]);

    const merged = summarizeTally(mergeTallies(tally, tally, limits));
    expect(merged).toMatchObject({ evaluated: 8, diverged: 6, errors: 6 });
    expect(merged.segments[1]).toEqual({
      segment: 'a',
      evaluated: 4,
      diverged: 2,
      divergence: 0.5,
    });
    expect(merged.examples).toHaveLength(2);
  });

  it('reports no divergence before anything was evaluated', () => {
    expect(summarizeTally(emptyTally())).toMatchObject({
      divergence: null,
      timing: { meanMs: null },
    });
  });
});

describe('the shadow decision cache', () => {
  it('answers a known key from the cache, decides unknown ones, and never caches errors', () => {
    let calls = 0;
    let fail = false;
    const inner: Decider = {
      name: 'rules',
      cacheable: true,
      decide: () => {
        calls += 1;
        return {
          variant: fail ? null : 'premium',
          reason: fail ? 'rule-error' : 'rule',
          rule: { name: 'new', version: 1 },
          flag: null,
          trace: [],
        };
      },
    };
    const store = new Map<string, never>();
    const cache = {
      get: (key: string) => store.get(key),
      set: (key: string, value: unknown) => store.set(key, value as never),
    };
    const decider = cachedDecider(inner, cache, (entry) =>
      entry.documentId === 'uncached' ? null : entry.documentId
    );
    const entry = (documentId: string) => ({ documentId, tags: [], variants: [], fields: {} });
    expect(decider.decide(entry('a'))?.variant).toBe('premium');
    expect(decider.decide(entry('a'))?.variant).toBe('premium');
    expect(calls).toBe(1);
    decider.decide(entry('uncached'));
    decider.decide(entry('uncached'));
    expect(calls).toBe(3);
    fail = true;
    decider.decide(entry('b'));
    decider.decide(entry('b'));
    expect(calls).toBe(5);
  });
});
