import { lockKey } from '../../../src/plugins/personalization/server/src/services/scheduled/lock-key';

describe('lockKey (the advisory lock key of a scheduled job)', () => {
  it.each([
    // FNV-1a 32-bit reference values (0x811c9dc5, 0xe40c292c, 0xbf9cf968) as signed int4.
    ['', -2128831035],
    ['a', -468965076],
    ['foobar', -1080231576],
  ])('hashes %j to %d', (name, key) => {
    expect(lockKey(name)).toBe(key);
  });

  it('gives each plugin job its own key within int4', () => {
    const keys = ['retention', 'clustering', 'bandits'].map(lockKey);
    expect(new Set(keys).size).toBe(3);
    for (const key of keys) {
      expect(Number.isInteger(key)).toBe(true);
      expect(key).toBeGreaterThanOrEqual(-(2 ** 31));
      expect(key).toBeLessThan(2 ** 31);
    }
  });
});
