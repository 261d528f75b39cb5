import {
  conditionFields,
  ConditionError,
  evaluateCondition,
  parseCondition,
  type Condition,
} from '../../../src/plugins/personalization/server/src/core/audience/conditions';

const roots = ['profile', 'user'];
const parse = (json: unknown): Condition => parseCondition(json, { roots });

const example = {
  all: [
    { field: 'profile.affinities.sports', op: 'gte', value: 2 },
    {
      any: [
        { field: 'profile.device', op: 'eq', value: 'mobile' },
        { not: { field: 'profile.monetary', op: 'gt', value: 0 } },
      ],
    },
  ],
};

const input = {
  profile: {
    device: 'mobile',
    monetary: 0,
    frequency: 3,
    affinities: { sports: 2, 'topic:tech-news': 1 },
    tags: ['sports', 'berlin'],
    lastSeen: '2026-11-20T10:00:00Z',
    firstSeen: new Date('2026-01-01T00:00:00Z'),
    subscribed: true,
    nothing: null,
  },
  user: { email: 'ada@example.com' },
};

/** Parses, then evaluates against `input`: every case also goes through the parser. */
const check = (json: unknown, against: Record<string, unknown> = input): boolean =>
  evaluateCondition(parse(json), against);

describe('parseCondition', () => {
  it('returns the condition in its JSON shape', () => {
    expect(parse(example)).toEqual(example);
    expect(JSON.parse(JSON.stringify(parse(example)))).toEqual(example);
  });

  it('accepts nesting down to the depth limit (6)', () => {
    const leaf = { field: 'profile.device', op: 'exists' };
    const five = { not: { not: { not: { not: { not: leaf } } } } };
    expect(parse(five)).toEqual(five);
  });

  it('accepts up to 64 nodes', () => {
    const leaves = Array.from({ length: 63 }, () => ({ field: 'profile.device', op: 'exists' }));
    expect(parse({ any: leaves })).toEqual({ any: leaves });
  });

  it('needs at least one allowed root', () => {
    expect(() => parseCondition(example, { roots: [] })).toThrow(TypeError);
  });

  const leaf = (overrides: Record<string, unknown>) => ({
    field: 'profile.device',
    op: 'eq',
    value: 'mobile',
    ...overrides,
  });
  const nested = (levels: number): unknown =>
    levels === 0 ? { field: 'profile.device', op: 'exists' } : { not: nested(levels - 1) };
  const manyLeaves = (count: number) => Array.from({ length: count }, () => leaf({}));

  it.each<[string, unknown, string]>([
    ['null', null, 'condition: must be an object with one of the keys all, any, not or field'],
    ['an array', [], 'condition: must be an object with one of the keys all, any, not or field'],
    ['a string', 'profile.device', 'condition: must be an object'],
    ['a Date', new Date(), 'condition: must be an object'],
    ['an empty object', {}, 'condition: must have one of the keys all, any, not or field'],
    [
      'two kinds in one node',
      { all: [leaf({})], any: [leaf({})] },
      'condition: must have only one of all, any, not or field (found all, any)',
    ],
    [
      'a group with a field',
      { not: leaf({}), field: 'profile.x' },
      'condition: must have only one of all, any, not or field (found not, field)',
    ],
    [
      'an unknown key next to all',
      { all: [leaf({})], limit: 3 },
      'condition: unknown key "limit" (allowed here: all)',
    ],
    [
      'an unknown key in a field condition',
      { all: [leaf({ extra: 1 })] },
      'condition.all[0]: unknown key "extra" (allowed here: field, op, value)',
    ],
    ['all that is not a list', { all: leaf({}) }, 'condition.all: must be a list of conditions'],
    ['an empty all', { all: [] }, 'condition.all: must list at least one condition'],
    ['an empty any', { any: [] }, 'condition.any: must list at least one condition'],
    ['not of null', { not: null }, 'condition.not: must be an object'],
    [
      'an unknown op',
      { all: [leaf({}), leaf({ op: 'like' })] },
      'condition.all[1].op: must be one of eq, ne, gt, gte, lt, lte, in, contains, exists',
    ],
    ['a missing op', { field: 'profile.device' }, 'condition.op: is required (one of eq, ne'],
    ['a missing field', { op: 'eq', value: 1 }, 'condition.field: is required'],
    ['a field that is not a string', leaf({ field: 3 }), 'condition.field: must be a string'],
    [
      'a field outside the roots',
      leaf({ field: 'session.id' }),
      'condition.field: must start with one of profile, user (got "session")',
    ],
    [
      'an empty path segment',
      leaf({ field: 'profile..device' }),
      'condition.field: must be a dotted path',
    ],
    [
      'a path with a space',
      leaf({ field: 'profile.affinities.ice hockey' }),
      'condition.field: must be a dotted path',
    ],
    [
      'a root starting with a digit',
      leaf({ field: '1profile.x' }),
      'condition.field: must be a dotted path',
    ],
    [
      'a __proto__ segment',
      leaf({ field: 'profile.__proto__.polluted' }),
      'condition.field: must not use the segment "__proto__"',
    ],
    [
      'a constructor segment',
      leaf({ field: 'profile.constructor' }),
      'condition.field: must not use the segment "constructor"',
    ],
    [
      'a prototype segment',
      leaf({ field: 'user.constructor.prototype' }),
      'condition.field: must not use the segment "constructor"',
    ],
    [
      'a prototype root',
      leaf({ field: 'prototype.x' }),
      'condition.field: must not use the segment "prototype"',
    ],
    [
      'a __proto__ root',
      leaf({ field: '__proto__' }),
      'condition.field: must not use the segment "__proto__"',
    ],
    [
      'an overlong field',
      leaf({ field: `profile.${'a'.repeat(200)}` }),
      'condition.field: must be at most 200 characters',
    ],
    [
      'a value for exists',
      leaf({ op: 'exists', value: true }),
      'condition.value: must be left out for exists',
    ],
    [
      'no value for eq',
      { field: 'profile.device', op: 'eq' },
      'condition.value: is required for eq',
    ],
    [
      'no value for in',
      { field: 'profile.device', op: 'in' },
      'condition.value: is required for in',
    ],
    [
      'an object value',
      leaf({ value: { $gt: 1 } }),
      'condition.value: must be a string, number or boolean',
    ],
    ['a null value', leaf({ value: null }), 'condition.value: must be a string, number or boolean'],
    [
      'a list for eq',
      leaf({ value: ['mobile'] }),
      'condition.value: must be a string, number or boolean',
    ],
    ['a NaN value', leaf({ value: Number.NaN }), 'condition.value: must be a finite number'],
    [
      'an overlong string value',
      leaf({ value: 'x'.repeat(1001) }),
      'condition.value: must be at most 1000 characters',
    ],
    [
      'in without a list',
      leaf({ op: 'in', value: 'mobile' }),
      'condition.value: must be a list of strings, numbers or booleans',
    ],
    [
      'in with an empty list',
      leaf({ op: 'in', value: [] }),
      'condition.value: must list at least one value',
    ],
    [
      'in with an object in the list',
      leaf({ op: 'in', value: ['a', {}] }),
      'condition.value[1]: must be a string, number or boolean',
    ],
    [
      'in with 101 values',
      leaf({ op: 'in', value: Array.from({ length: 101 }, (_, i) => i) }),
      'condition.value: must list at most 100 values',
    ],
    [
      'contains with a list',
      leaf({ op: 'contains', value: ['a'] }),
      'condition.value: must be a string, number or boolean',
    ],
    [
      'gt with a word',
      leaf({ op: 'gt', value: 'yesterday' }),
      'condition.value: must be a number or an ISO 8601 date',
    ],
    [
      'gt with a boolean',
      leaf({ op: 'gt', value: true }),
      'condition.value: must be a number or an ISO 8601 date',
    ],
    [
      'lt with an impossible date',
      leaf({ op: 'lt', value: '2026-02-30' }),
      'condition.value: must be a number or an ISO 8601 date',
    ],
    [
      'lte with a time but no zone',
      leaf({ op: 'lte', value: '2026-01-31T09:00:00' }),
      'condition.value: must be a number or an ISO 8601 date',
    ],
    [
      'gte with hour 24',
      leaf({ op: 'gte', value: '2026-01-31T24:00:00Z' }),
      'condition.value: must be a number or an ISO 8601 date',
    ],
    [
      'nesting deeper than 6',
      nested(6),
      'condition.not.not.not.not.not.not: nests deeper than 6 levels',
    ],
    [
      '65 nodes in one list',
      { any: manyLeaves(64) },
      'condition.any: is past the limit of 64 nodes in one condition',
    ],
    [
      '65 nodes spread out',
      { all: Array.from({ length: 8 }, () => ({ any: manyLeaves(7) })) },
      'is past the limit of 64 nodes in one condition',
    ],
    ['a huge list', { any: manyLeaves(100_000) }, 'condition.any: is past the limit of 64 nodes'],
    [
      'an own __proto__ key (JSON.parse)',
      JSON.parse('{"field":"profile.x","op":"exists","__proto__":{"polluted":true}}'),
      'condition: unknown key "__proto__" (allowed here: field, op, value)',
    ],
    [
      'an own __proto__ key next to all',
      JSON.parse('{"all":[{"field":"profile.x","op":"exists"}],"__proto__":[]}'),
      'condition: unknown key "__proto__" (allowed here: all)',
    ],
    [
      'a constructor key',
      { not: leaf({}), constructor: {} },
      'condition: unknown key "constructor" (allowed here: not)',
    ],
  ])('refuses %s, naming where', (_name, json, message) => {
    let thrown: unknown;
    try {
      parse(json);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConditionError);
    expect((thrown as ConditionError).message).toContain(message);
    expect(
      (thrown as ConditionError).message.startsWith(`${(thrown as ConditionError).path}: `)
    ).toBe(true);
  });

  it('leaves Object.prototype alone when refusing __proto__', () => {
    expect(() =>
      parse(JSON.parse('{"field":"profile.x","op":"exists","__proto__":{"polluted":true}}'))
    ).toThrow(ConditionError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('evaluateCondition', () => {
  it.each<[string, unknown, boolean]>([
    ['eq string', { field: 'profile.device', op: 'eq', value: 'mobile' }, true],
    ['eq string, other value', { field: 'profile.device', op: 'eq', value: 'desktop' }, false],
    ['eq number', { field: 'profile.frequency', op: 'eq', value: 3 }, true],
    ['eq boolean', { field: 'profile.subscribed', op: 'eq', value: true }, true],
    ['ne', { field: 'profile.device', op: 'ne', value: 'desktop' }, true],
    ['ne, same value', { field: 'profile.device', op: 'ne', value: 'mobile' }, false],
    ['gt', { field: 'profile.frequency', op: 'gt', value: 2 }, true],
    ['gt, equal', { field: 'profile.frequency', op: 'gt', value: 3 }, false],
    ['gte, equal', { field: 'profile.frequency', op: 'gte', value: 3 }, true],
    ['lt', { field: 'profile.frequency', op: 'lt', value: 3 }, false],
    ['lte, equal', { field: 'profile.frequency', op: 'lte', value: 3 }, true],
    ['lt, larger', { field: 'profile.frequency', op: 'lt', value: 3.5 }, true],
    ['in', { field: 'profile.device', op: 'in', value: ['tablet', 'mobile'] }, true],
    ['in, absent', { field: 'profile.device', op: 'in', value: ['tablet', 'desktop'] }, false],
    ['in, numbers', { field: 'profile.frequency', op: 'in', value: [1, 3] }, true],
    ['contains, array element', { field: 'profile.tags', op: 'contains', value: 'berlin' }, true],
    [
      'contains, array without it',
      { field: 'profile.tags', op: 'contains', value: 'paris' },
      false,
    ],
    ['contains, substring', { field: 'user.email', op: 'contains', value: '@example.' }, true],
    [
      'contains, no substring',
      { field: 'user.email', op: 'contains', value: '@example.org' },
      false,
    ],
    ['exists', { field: 'profile.device', op: 'exists' }, true],
    ['exists, falsy value 0', { field: 'profile.monetary', op: 'exists' }, true],
    [
      'a tag with : and - in its name',
      { field: 'profile.affinities.topic:tech-news', op: 'eq', value: 1 },
      true,
    ],
    [
      'ISO string field gte a date (midnight UTC)',
      { field: 'profile.lastSeen', op: 'gte', value: '2026-11-20' },
      true,
    ],
    [
      'ISO string field lte that date',
      { field: 'profile.lastSeen', op: 'lte', value: '2026-11-20' },
      false,
    ],
    [
      'ISO with an offset, same instant',
      { field: 'profile.lastSeen', op: 'gte', value: '2026-11-20T11:00:00+01:00' },
      true,
    ],
    [
      'ISO with an offset, same instant (lte)',
      { field: 'profile.lastSeen', op: 'lte', value: '2026-11-20T11:00:00+01:00' },
      true,
    ],
    ['Date field lt a date', { field: 'profile.firstSeen', op: 'lt', value: '2026-06-01' }, true],
    [
      'Date field gt a date',
      { field: 'profile.firstSeen', op: 'gt', value: '2026-06-01T00:00:00.000Z' },
      false,
    ],
    ['array index', { field: 'profile.tags.0', op: 'eq', value: 'sports' }, true],
    ['array length (an own property)', { field: 'profile.tags.length', op: 'gte', value: 2 }, true],
  ])('%s', (_name, json, expected) => {
    expect(check(json)).toBe(expected);
  });

  it.each<[string, unknown, boolean]>([
    ['eq', { field: 'profile.nope', op: 'eq', value: 'x' }, false],
    [
      'ne: true, a missing field differs from any value',
      { field: 'profile.nope', op: 'ne', value: 'x' },
      true,
    ],
    ['gt', { field: 'profile.nope', op: 'gt', value: 0 }, false],
    ['gte', { field: 'profile.nope', op: 'gte', value: 0 }, false],
    ['lt', { field: 'profile.nope', op: 'lt', value: 0 }, false],
    ['lte', { field: 'profile.nope', op: 'lte', value: '2026-01-01' }, false],
    ['in', { field: 'profile.nope', op: 'in', value: ['x'] }, false],
    ['contains', { field: 'profile.nope', op: 'contains', value: 'x' }, false],
    ['exists', { field: 'profile.nope', op: 'exists' }, false],
    ['not exists', { not: { field: 'profile.nope', op: 'exists' } }, true],
    ['a null value counts as missing (exists)', { field: 'profile.nothing', op: 'exists' }, false],
    [
      'a null value counts as missing (ne)',
      { field: 'profile.nothing', op: 'ne', value: 'x' },
      true,
    ],
    ['a path through a string', { field: 'profile.device.length', op: 'exists' }, false],
    [
      'a path through a missing root',
      { field: 'user.address.city', op: 'eq', value: 'Berlin' },
      false,
    ],
  ])('missing field: %s', (_name, json, expected) => {
    expect(check(json)).toBe(expected);
  });

  it.each<[string, unknown, boolean]>([
    ['eq a number against a string', { field: 'profile.frequency', op: 'eq', value: '3' }, false],
    [
      'ne a number against a string (ne is exactly "not eq")',
      { field: 'profile.frequency', op: 'ne', value: '3' },
      true,
    ],
    ['gt a string against a number', { field: 'profile.device', op: 'gt', value: 1 }, false],
    ['lt a string against a number', { field: 'profile.device', op: 'lt', value: 1 }, false],
    [
      'gte a number against a date',
      { field: 'profile.frequency', op: 'gte', value: '2020-01-01' },
      false,
    ],
    [
      'lte a non-date string against a date',
      { field: 'profile.device', op: 'lte', value: '2030-01-01' },
      false,
    ],
    ['eq a list', { field: 'profile.tags', op: 'eq', value: 'sports' }, false],
    ['in against a list field', { field: 'profile.tags', op: 'in', value: ['sports'] }, false],
    ['contains a number in a string', { field: 'user.email', op: 'contains', value: 1 }, false],
    ['contains on a number', { field: 'profile.frequency', op: 'contains', value: 3 }, false],
    [
      'contains on an object',
      { field: 'profile.affinities', op: 'contains', value: 'sports' },
      false,
    ],
    ['eq on an object', { field: 'profile.affinities', op: 'eq', value: 'sports' }, false],
  ])('type mismatch: %s', (_name, json, expected) => {
    expect(check(json)).toBe(expected);
  });

  it.each<[string, Record<string, unknown>, boolean]>([
    ['sports fan on mobile', input, true],
    [
      'sports fan on desktop who never paid',
      { profile: { ...input.profile, device: 'desktop' } },
      true,
    ],
    [
      'sports fan on desktop who paid',
      { profile: { ...input.profile, device: 'desktop', monetary: 20 } },
      false,
    ],
    ['not a sports fan', { profile: { ...input.profile, affinities: { sports: 1 } } }, false],
    ['no profile at all', {}, false],
  ])('nesting (all / any / not): %s', (_name, against, expected) => {
    expect(check(example, against)).toBe(expected);
  });

  it('reads own properties only, never the prototype chain', () => {
    const inherited = { profile: Object.create({ device: 'mobile' }) as Record<string, unknown> };
    expect(check({ field: 'profile.device', op: 'eq', value: 'mobile' }, inherited)).toBe(false);
    expect(check({ field: 'profile.device', op: 'exists' }, inherited)).toBe(false);
    expect(check({ field: 'profile.toString', op: 'exists' })).toBe(false);
    expect(check({ field: 'profile.affinities.hasOwnProperty', op: 'exists' })).toBe(false);
    expect(check({ field: 'profile.firstSeen.getTime', op: 'exists' })).toBe(false);
    const rootless = Object.create({ profile: { device: 'mobile' } }) as Record<string, unknown>;
    expect(check({ field: 'profile.device', op: 'exists' }, rootless)).toBe(false);
  });

  it('stays on own properties even for a condition that skipped the parser', () => {
    const unchecked = { field: 'profile.__proto__.polluted', op: 'exists' } as Condition;
    const polluted = Object.create({ polluted: true }) as Record<string, unknown>;
    expect(evaluateCondition(unchecked, { profile: polluted })).toBe(false);
    expect(evaluateCondition({ field: 'profile.constructor', op: 'exists' }, { profile: {} })).toBe(
      false
    );
  });

  it('reads an own __proto__ data property as plain data', () => {
    const profile = JSON.parse('{"__proto__": {"device": "mobile"}}') as Record<string, unknown>;
    const unchecked = { field: 'profile.__proto__.device', op: 'eq', value: 'mobile' } as Condition;
    expect(evaluateCondition(unchecked, { profile })).toBe(true);
    expect(evaluateCondition({ field: 'profile.device', op: 'exists' }, { profile })).toBe(false);
  });

  it('never throws on odd inputs', () => {
    const odd = {
      profile: {
        device: Symbol('x'),
        frequency: Number.NaN,
        lastSeen: new Date('invalid'),
        tags: [null, {}],
      },
    };
    const conditions: unknown[] = [
      { field: 'profile.device', op: 'eq', value: 'x' },
      { field: 'profile.device', op: 'contains', value: 'x' },
      { field: 'profile.frequency', op: 'gte', value: 0 },
      { field: 'profile.frequency', op: 'eq', value: 0 },
      { field: 'profile.lastSeen', op: 'lt', value: '2030-01-01' },
      { field: 'profile.tags', op: 'contains', value: 'x' },
    ];
    for (const json of conditions) expect(check(json, odd)).toBe(false);
  });
});

describe('conditionFields', () => {
  it('lists the fields read, each once, in order of first appearance', () => {
    expect(conditionFields(parse(example))).toEqual([
      'profile.affinities.sports',
      'profile.device',
      'profile.monetary',
    ]);
    const repeated = parse({
      any: [
        { field: 'user.email', op: 'exists' },
        { not: { field: 'profile.device', op: 'exists' } },
        { field: 'user.email', op: 'contains', value: '@' },
      ],
    });
    expect(conditionFields(repeated)).toEqual(['user.email', 'profile.device']);
  });
});
