import type { FlagEvaluation } from '../../../../src/plugins/personalization/server/src/core/flags';
import {
  decide,
  matchesEntryFilter,
  type RuleDefinition,
  type RuleRender,
} from '../../../../src/plugins/personalization/server/src/core/rules';

const rule = (name: string, overrides: Partial<RuleDefinition> = {}): RuleDefinition => ({
  name,
  contentType: 'api::article.article',
  entryFilter: null,
  template: name,
  templateVersion: null,
  params: {},
  priority: 0,
  status: 'active',
  flagName: `personalization.${name}`,
  ...overrides,
});

const entry = { documentId: 'doc-1', tags: ['Berlin'], variants: ['premium', 'local'] };
const on = (name: string): FlagEvaluation => ({
  name,
  enabled: true,
  variant: null,
  payload: null,
});
const off = (name: string): FlagEvaluation => ({
  name,
  enabled: false,
  variant: null,
  payload: null,
});
const chose = (variant: string | null): RuleRender => ({
  ok: true,
  version: 1,
  variant,
  output: variant ?? '',
  durationMs: 0,
});

const run = (
  rules: RuleDefinition[],
  outputs: Record<string, RuleRender>,
  flagsOff: string[] = []
) =>
  decide({
    rules,
    entry,
    evaluateFlag: (candidate) =>
      flagsOff.includes(candidate.name) ? off(candidate.flagName) : on(candidate.flagName),
    render: (candidate) => outputs[candidate.name],
  });

describe('decide', () => {
  it.each([
    ['no rules', [], {}, [], { variant: null, reason: 'no-rule' }],
    [
      'one rule choosing a variant',
      [rule('a')],
      { a: chose('premium') },
      [],
      { variant: 'premium', reason: 'rule' },
    ],
    [
      'one rule choosing base',
      [rule('a')],
      { a: chose(null) },
      [],
      { variant: null, reason: 'rule' },
    ],
    [
      'an unknown variant key',
      [rule('a')],
      { a: chose('gold') },
      [],
      { variant: null, reason: 'unknown-variant' },
    ],
    [
      'a render error',
      [rule('a')],
      { a: { ok: false, version: 1, error: 'boom', durationMs: 1 } },
      [],
      { variant: null, reason: 'rule-error' },
    ],
    [
      'the only flag off',
      [rule('a')],
      { a: chose('premium') },
      ['a'],
      { variant: null, reason: 'flag-off' },
    ],
    [
      'a disabled rule',
      [rule('a', { status: 'disabled' })],
      { a: chose('premium') },
      [],
      { variant: null, reason: 'no-rule' },
    ],
    [
      'higher priority first',
      [rule('low', { priority: 1 }), rule('high', { priority: 5 })],
      { low: chose('premium'), high: chose('local') },
      [],
      { variant: 'local', reason: 'rule', rule: { name: 'high', version: 1 } },
    ],
    [
      'the next rule when the first flag is off',
      [rule('high', { priority: 5 }), rule('low')],
      { low: chose('premium'), high: chose('local') },
      ['high'],
      { variant: 'premium', reason: 'rule', rule: { name: 'low', version: 1 } },
    ],
    [
      'an entry filter that excludes the entry',
      [rule('a', { entryFilter: { documentIds: ['other'] } })],
      { a: chose('premium') },
      [],
      { variant: null, reason: 'no-rule' },
    ],
  ] as const)('%s', (_label, rules, outputs, flagsOff, expected) => {
    expect(run([...rules], outputs as Record<string, RuleRender>, [...flagsOff])).toMatchObject(
      expected
    );
  });

  it('traces every rule considered with its outcome', () => {
    const decision = run(
      [
        rule('disabled', { status: 'disabled', priority: 9 }),
        rule('gated', { priority: 5 }),
        rule('decider'),
      ],
      { decider: chose('premium') },
      ['gated']
    );
    expect(decision.trace.map((step) => [step.rule, step.outcome])).toEqual([
      ['disabled', 'disabled'],
      ['gated', 'flag-off'],
      ['decider', 'chose-variant'],
    ]);
  });
});

describe('matchesEntryFilter', () => {
  it.each([
    [null, true],
    [{}, true],
    [{ documentIds: ['doc-1'] }, true],
    [{ documentIds: ['doc-2'] }, false],
    [{ tags: ['berlin'] }, true],
    [{ tags: ['Paris'] }, false],
    [{ documentIds: ['doc-1'], tags: ['Paris'] }, false],
  ])('%j → %s', (filter, expected) => {
    expect(matchesEntryFilter(filter, entry)).toBe(expected);
  });
});
