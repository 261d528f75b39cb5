export interface CircuitBreakerOptions {
  /** Limit failures within `windowMs` that open the circuit. */
  threshold: number;
  windowMs: number;
  /** How long an open circuit refuses to render before it lets renders through again. */
  cooldownMs: number;
  now?: () => number;
}

export interface CircuitBreaker {
  /** Milliseconds left while the circuit of `key` is open; 0 when renders may run. */
  openFor(key: string): number;
  /** Records a render's outcome: limit failures count towards opening, a success resets the rule. */
  record(key: string, hitLimit: boolean): void;
}

interface Circuit {
  failures: number[];
  openUntil: number;
}

/**
 * Stops rendering a rule whose renders keep running into resource limits: after `threshold` limit
 * failures within `windowMs`, the rule answers `rule-error` at once for `cooldownMs`. Keys name the
 * rule's definition and template content, so a changed rule or template starts closed.
 */
export const createCircuitBreaker = (options: CircuitBreakerOptions): CircuitBreaker => {
  const now = options.now ?? Date.now;
  const circuits = new Map<string, Circuit>();

  return {
    openFor(key) {
      const circuit = circuits.get(key);
      if (!circuit) return 0;
      return Math.max(0, circuit.openUntil - now());
    },
    record(key, hitLimit) {
      if (!hitLimit) {
        circuits.delete(key);
        return;
      }
      const at = now();
      const circuit = circuits.get(key) ?? { failures: [], openUntil: 0 };
      circuit.failures = circuit.failures.filter((time) => at - time < options.windowMs);
      circuit.failures.push(at);
      // Half-open after a cool-down: the first render let through decides, one failure reopens.
      const probing = circuit.openUntil > 0;
      if (probing || circuit.failures.length >= options.threshold) {
        circuit.openUntil = at + options.cooldownMs;
        circuit.failures = [];
      }
      // Bounded: a map entry per rule that failed recently, dropped by its next success.
      if (circuits.size > 10_000) circuits.clear();
      circuits.set(key, circuit);
    },
  };
};
