import { createHmac } from 'node:crypto';
import { callerKey } from '../../../src/plugins/personalization/server/src/core/audience/identity/caller-key';
import { normalizeUserId } from '../../../src/plugins/personalization/server/src/core/audience/identity/user-id';

describe('callerKey', () => {
  it('is the HMAC-SHA256 of kind and id under the secret', () => {
    const expected = createHmac('sha256', 'secret-of-16-chars').update('visitor:ada').digest('hex');
    expect(callerKey('secret-of-16-chars', { kind: 'visitor', id: 'ada' })).toBe(expected);
  });

  it('keeps a user and a visitor with the same id apart, and depends on the secret', () => {
    const user = callerKey('one-secret-value', { kind: 'user', id: '42' });
    expect(user).not.toBe(callerKey('one-secret-value', { kind: 'visitor', id: '42' }));
    expect(user).not.toBe(callerKey('another-secret-x', { kind: 'user', id: '42' }));
    expect(user).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keys a user id with leading zeros as the same user, and visitor ids as given', () => {
    const one = callerKey('secret-of-16-chars', { kind: 'user', id: '1' });
    expect(callerKey('secret-of-16-chars', { kind: 'user', id: '001' })).toBe(one);
    expect(callerKey('secret-of-16-chars', { kind: 'visitor', id: '01' })).not.toBe(
      callerKey('secret-of-16-chars', { kind: 'visitor', id: '1' })
    );
  });
});

describe('normalizeUserId', () => {
  it.each([
    ['01', '1'],
    [7, '7'],
    ['000', '0'],
    [' 42 ', '42'],
    ['alice', 'alice'],
  ])('%p → %p', (id, expected) => {
    expect(normalizeUserId(id)).toBe(expected);
  });
});
