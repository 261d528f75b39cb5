import {
  createLocalFlagClient,
  scaleWeights,
  toUnleashContext,
  type LocalFlag,
  type LocalFlagClient,
} from '../../../../src/plugins/personalization/server/src/core/flags';

const flag = (overrides: Partial<LocalFlag> = {}): LocalFlag => ({
  name: 'personalization.test',
  enabled: true,
  rollout: 100,
  stickiness: 'default',
  constraints: [],
  variants: [],
  ...overrides,
});

const visitors = (count: number) =>
  Array.from({ length: count }, (_, index) => toUnleashContext({ visitorId: `visitor-${index}` }));

describe('scaleWeights', () => {
  it.each([
    [
      [1, 1],
      [500, 500],
    ],
    [
      [1, 1, 1],
      [334, 333, 333],
    ],
    [
      [3, 1],
      [750, 250],
    ],
    [
      [0, 5],
      [0, 1000],
    ],
    [[1000], [1000]],
  ])('%j → %j (sums to 1000)', (weights, expected) => {
    expect(scaleWeights(weights)).toEqual(expected);
  });
});

describe('local flags through unleash-client', () => {
  let client: LocalFlagClient;

  afterEach(async () => {
    await client.destroy();
  });

  it('is off for an unknown flag and for a disabled one', async () => {
    client = await createLocalFlagClient([flag({ enabled: false })], 'tests');
    const [context] = visitors(1);
    expect(client.evaluate('personalization.test', context).enabled).toBe(false);
    expect(client.evaluate('personalization.missing', context)).toEqual({
      name: 'personalization.missing',
      enabled: false,
      variant: null,
      payload: null,
    });
  });

  it('splits a 50% rollout 45-55% over 4000 callers, sticky per caller', async () => {
    client = await createLocalFlagClient([flag({ rollout: 50 })], 'tests');
    const contexts = visitors(4000);
    const first = contexts.map(
      (context) => client.evaluate('personalization.test', context).enabled
    );
    const share = first.filter(Boolean).length / contexts.length;
    expect(share).toBeGreaterThan(0.45);
    expect(share).toBeLessThan(0.55);
    const second = contexts.map(
      (context) => client.evaluate('personalization.test', context).enabled
    );
    expect(second).toEqual(first);
  });

  it('splits variants by weight with payloads, sticky per caller', async () => {
    client = await createLocalFlagClient(
      [
        flag({
          variants: [
            { name: 'a', weight: 1, payload: { type: 'json', value: '{"colour":"red"}' } },
            { name: 'b', weight: 3, payload: { type: 'number', value: '7' } },
          ],
        }),
      ],
      'tests'
    );
    const contexts = visitors(4000);
    const chosen = contexts.map((context) => client.evaluate('personalization.test', context));
    const shareA =
      chosen.filter((evaluation) => evaluation.variant === 'a').length / contexts.length;
    expect(shareA).toBeGreaterThan(0.2);
    expect(shareA).toBeLessThan(0.3);
    expect(chosen.find((evaluation) => evaluation.variant === 'a')?.payload).toEqual({
      colour: 'red',
    });
    expect(chosen.find((evaluation) => evaluation.variant === 'b')?.payload).toBe(7);
    expect(
      contexts.map((context) => client.evaluate('personalization.test', context).variant)
    ).toEqual(chosen.map((evaluation) => evaluation.variant));
  });

  it('applies constraints on traits and segments', async () => {
    client = await createLocalFlagClient(
      [
        flag({
          constraints: [
            { contextName: 'plan', operator: 'IN', values: ['pro'] },
            { contextName: 'segments', operator: 'STR_CONTAINS', values: ['vip'] },
          ],
        }),
      ],
      'tests'
    );
    const evaluate = (traits: Record<string, string>, segments: string[]) =>
      client.evaluate(
        'personalization.test',
        toUnleashContext({ visitorId: 'v1', traits, segments })
      ).enabled;
    expect(evaluate({ plan: 'pro' }, ['vip'])).toBe(true);
    expect(evaluate({ plan: 'free' }, ['vip'])).toBe(false);
    expect(evaluate({ plan: 'pro' }, [])).toBe(false);
  });

  it('takes a replaced set of flags into account at the next evaluation', async () => {
    client = await createLocalFlagClient([flag({ enabled: false })], 'tests');
    const [context] = visitors(1);
    await client.replace([flag({ enabled: true })]);
    expect(client.evaluate('personalization.test', context).enabled).toBe(true);
  });
});

describe('toUnleashContext', () => {
  it('maps user, visitor, traits and segments', () => {
    expect(
      toUnleashContext({
        user: { id: 42 },
        visitorId: 'v-1',
        traits: { plan: 'pro', age: 31, beta: true },
        segments: ['vip', 'readers'],
        locale: 'de',
      })
    ).toEqual({
      userId: '42',
      sessionId: 'v-1',
      currentTime: undefined,
      properties: { plan: 'pro', age: '31', beta: 'true', segments: 'vip,readers', locale: 'de' },
    });
  });
});
