import { createCircuitBreaker } from '../../../../src/plugins/personalization/server/src/core/rules';

describe('the circuit breaker of rules that keep hitting limits', () => {
  const setUp = () => {
    let now = 0;
    const breaker = createCircuitBreaker({
      threshold: 3,
      windowMs: 1000,
      cooldownMs: 5000,
      now: () => now,
    });
    return { breaker, advance: (ms: number) => (now += ms) };
  };

  it('opens after the threshold of limit failures within the window', () => {
    const { breaker, advance } = setUp();
    breaker.record('rule', true);
    breaker.record('rule', true);
    expect(breaker.openFor('rule')).toBe(0);
    advance(10);
    breaker.record('rule', true);
    expect(breaker.openFor('rule')).toBe(5000);
    expect(breaker.openFor('other rule')).toBe(0);
  });

  it('forgets failures older than the window, and any failure after a success', () => {
    const { breaker, advance } = setUp();
    breaker.record('rule', true);
    breaker.record('rule', true);
    advance(1500);
    breaker.record('rule', true);
    expect(breaker.openFor('rule')).toBe(0);
    breaker.record('rule', false);
    breaker.record('rule', true);
    breaker.record('rule', true);
    expect(breaker.openFor('rule')).toBe(0);
  });

  it('lets a render through after the cool-down, and one more failure reopens it', () => {
    const { breaker, advance } = setUp();
    [1, 2, 3].forEach(() => breaker.record('rule', true));
    advance(4999);
    expect(breaker.openFor('rule')).toBe(1);
    advance(1);
    expect(breaker.openFor('rule')).toBe(0);
    breaker.record('rule', true);
    expect(breaker.openFor('rule')).toBe(5000);
    advance(5000);
    breaker.record('rule', false);
    breaker.record('rule', true);
    expect(breaker.openFor('rule')).toBe(0);
  });
});
