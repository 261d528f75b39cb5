import { fetchRetrying } from './fetch-retrying';

export interface LatencySummary {
  count: number;
  p50: number;
  max: number;
}

export const summariseLatencies = (latencies: readonly number[]): LatencySummary => {
  if (latencies.length === 0) return { count: 0, p50: Number.NaN, max: Number.NaN };
  const sorted = [...latencies].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const p50 = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { count: sorted.length, p50, max: sorted[sorted.length - 1] };
};

export const formatLatencies = (summary: LatencySummary): string =>
  `max ${summary.max.toFixed(0)} ms p50 ${summary.p50.toFixed(1)} ms (n=${summary.count})`;

export interface HealthFigures extends LatencySummary {
  /** Connections reset under a probe (sent again at once; the latency covers every attempt). */
  resets: number;
}

export const formatHealth = (figures: HealthFigures): string =>
  `${formatLatencies(figures)}${figures.resets ? `, ${figures.resets} connection resets` : ''}`;

export interface HealthProbe {
  stop(): Promise<HealthFigures>;
}

/**
 * Polls Strapi's own `GET /_health` one request at a time, pausing `intervalMs` between answers.
 * The route does no work, so each latency is how long the server's event loop kept it waiting.
 */
export const probeHealth = (baseUrl: string, intervalMs = 20): HealthProbe => {
  const latencies: number[] = [];
  let resets = 0;
  let running = true;
  let failure: unknown = null;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const probe = await fetchRetrying(`${baseUrl}/_health`);
      await probe.response.arrayBuffer();
      if (probe.response.status !== 204) {
        throw new Error(`GET /_health: ${probe.response.status}`);
      }
      latencies.push(performance.now() - started);
      resets += probe.resets;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })().catch((error: unknown) => {
    failure = error;
  });
  return {
    async stop() {
      running = false;
      await loop;
      if (failure) throw failure;
      return { ...summariseLatencies(latencies), resets };
    },
  };
};

/** Runs `work` while probing `/_health`, with a short quiet margin either side so the probe sees it all. */
export const withHealthProbe = async <Result>(
  baseUrl: string,
  work: () => Promise<Result>
): Promise<{ result: Result; health: HealthFigures }> => {
  const probe = probeHealth(baseUrl);
  await new Promise((resolve) => setTimeout(resolve, 100));
  try {
    const result = await work();
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { result, health: await probe.stop() };
  } catch (error) {
    await probe.stop().catch(() => undefined);
    throw error;
  }
};
