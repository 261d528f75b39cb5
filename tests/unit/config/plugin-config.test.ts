import config from '../../../src/plugins/personalization/server/src/config';

describe('plugin config validator', () => {
  it('accepts the defaults', () => {
    expect(() => config.validator(config.default)).not.toThrow();
  });

  it('accepts delivery switched off', () => {
    expect(() => config.validator({ delivery: { enabled: false } })).not.toThrow();
  });

  it.each([
    ['a wrong type', { delivery: { enabled: 'yes' } }, /delivery\.enabled: .*boolean/],
    ['an unknown top-level key', { delivery: { enabled: true }, cache: {} }, /cache/],
    ['an unknown nested key', { delivery: { enabled: true, ttl: 5 } }, /ttl/],
    ['a missing section', {}, /delivery/],
    ['not an object', 'on', /\(root\)/],
  ])('rejects %s with the key in the message', (_label, value, message) => {
    expect(() => config.validator(value)).toThrow(message);
    expect(() => config.validator(value)).toThrow(/config\/plugins\.ts → personalization\.config/);
  });
});
