import type { TestApp } from './strapi';

export { createFullAccessToken } from './api-token';

/** Polls until `check` returns a value (not undefined) or the time is up. */
export const waitFor = async <T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 20000
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** Waits until the tagging queue has nothing pending or running. */
export const waitForIdleQueue = async (app: TestApp, token: string, timeoutMs = 30000) =>
  waitFor(
    async () => {
      const response = await app
        .http()
        .get('/api/personalization/tagging/status')
        .set('Authorization', `Bearer ${token}`);
      const jobs = response.body.data?.jobs as { pending: number; running: number } | undefined;
      return jobs && jobs.pending === 0 && jobs.running === 0 ? response.body.data : undefined;
    },
    'an idle tagging queue',
    timeoutMs
  );
