import config from '../../../src/plugins/personalization/server/src/config';

describe('plugin config validator', () => {
  it('accepts the defaults', () => {
    expect(() => config.validator(config.default)).not.toThrow();
  });

  it('accepts delivery switched off', () => {
    expect(() =>
      config.validator({ ...config.default, delivery: { enabled: false } })
    ).not.toThrow();
  });

  it('accepts a real Unleash server', () => {
    const unleash = {
      url: 'http://127.0.0.1:4242/api',
      apiToken: 't',
      refreshIntervalMs: 1000,
      timeoutMs: 500,
    };
    expect(() =>
      config.validator({ ...config.default, flags: { ...config.default.flags, unleash } })
    ).not.toThrow();
  });

  it.each([
    [
      'a wrong type',
      { ...config.default, delivery: { enabled: 'yes' } },
      /delivery\.enabled: .*boolean/,
    ],
    ['an unknown top-level key', { ...config.default, cache: {} }, /cache/],
    ['an unknown nested key', { ...config.default, delivery: { enabled: true, ttl: 5 } }, /ttl/],
    [
      'a Redis prefix with a space',
      { ...config.default, cache: { ...config.default.cache, redisKeyPrefix: 'my app:' } },
      /cache\.redisKeyPrefix/,
    ],
    [
      'a bandit schedule that is not cron',
      { ...config.default, bandits: { cron: 'hourly' } },
      /bandits\.cron/,
    ],
    ['a missing section', { delivery: { enabled: true } }, /rules/],
    [
      'a zero render limit',
      {
        ...config.default,
        rules: {
          ...config.default.rules,
          sandbox: { ...config.default.rules.sandbox, renderLimitMs: 0 },
        },
      },
      /rules\.sandbox\.renderLimitMs/,
    ],
    [
      // It never bounded anything (liquidjs has no such option): renderBudgetMs and renderLimitMs do.
      'the removed templateLimit',
      {
        ...config.default,
        rules: {
          ...config.default.rules,
          sandbox: { ...config.default.rules.sandbox, templateLimit: 20_000 },
        },
      },
      /templateLimit/,
    ],
    [
      'a shadow sample rate over 1',
      { ...config.default, shadow: { ...config.default.shadow, sampleRate: 1.5 } },
      /shadow\.sampleRate/,
    ],
    [
      'an unknown shadow key',
      { ...config.default, shadow: { ...config.default.shadow, rate: 1 } },
      /rate/,
    ],
    [
      'a zero render budget',
      { ...config.default, rules: { ...config.default.rules, renderBudgetMs: 0 } },
      /rules\.renderBudgetMs/,
    ],
    [
      'an Unleash url that is not http',
      {
        ...config.default,
        flags: {
          appName: 'x',
          unleash: { url: 'ftp://x', apiToken: 't', refreshIntervalMs: 1, timeoutMs: 1 },
        },
      },
      /flags\.unleash\.url/,
    ],
    ['not an object', 'on', /\(root\)/],
  ])('rejects %s with the key in the message', (_label, value, message) => {
    expect(() => config.validator(value)).toThrow(message);
    expect(() => config.validator(value)).toThrow(/config\/plugins\.ts → personalization\.config/);
  });
});
