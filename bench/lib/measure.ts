import autocannon from 'autocannon';

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  headers?: Record<string, string>;
}

export interface Figures {
  p50: number;
  p99: number;
  requestsPerSecond: number;
  errors: number;
}

/** One autocannon run against one URL; non-2xx answers count as errors. */
export const load = async (url: string, options: LoadOptions): Promise<Figures> => {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.durationSeconds,
    headers: options.headers,
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    requestsPerSecond: result.requests.average,
    errors: result.errors + result.timeouts + result.non2xx,
  };
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The median of each figure over several rounds, so one noisy round does not decide. */
export const medianFigures = (rounds: Figures[]): Figures => ({
  p50: median(rounds.map((round) => round.p50)),
  p99: median(rounds.map((round) => round.p99)),
  requestsPerSecond: median(rounds.map((round) => round.requestsPerSecond)),
  errors: rounds.reduce((sum, round) => sum + round.errors, 0),
});

export interface Side {
  label: string;
  url: string;
  headers?: Record<string, string>;
}

/**
 * Measures two sides in alternating rounds (A, B, A, B…) so drift in machine load hits both alike,
 * and returns each side's median figures.
 */
export const compare = async (
  sides: [Side, Side],
  rounds: number,
  options: Omit<LoadOptions, 'headers'>
): Promise<[Figures, Figures]> => {
  const results: [Figures[], Figures[]] = [[], []];
  for (const side of sides) {
    // Warm-up: JIT, connection pools and SQLite page cache, not counted.
    await load(side.url, { ...options, durationSeconds: 2, headers: side.headers });
  }
  for (let round = 0; round < rounds; round += 1) {
    for (const [index, side] of sides.entries()) {
      results[index].push(await load(side.url, { ...options, headers: side.headers }));
    }
  }
  return [medianFigures(results[0]), medianFigures(results[1])];
};
