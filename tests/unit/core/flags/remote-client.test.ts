import net from 'node:net';
import { createRemoteFlagClient } from '../../../../src/plugins/personalization/server/src/core/flags';

/**
 * A TCP server that answers every request late and with garbage, so a fetch is nearly always in
 * flight and ends in an error (not a reset, which unleash-client only warns about).
 */
const startBrokenServer = async () => {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    setTimeout(() => socket.end('this is not HTTP\r\n\r\n'), 300);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('remote flag client against a failing server', () => {
  it('answers "off" for unknown flags and reports the outage instead of throwing', async () => {
    const errors: Error[] = [];
    const client = await createRemoteFlagClient({
      url: 'http://127.0.0.1:9/api/',
      apiToken: 'token',
      appName: 'tests',
      refreshIntervalMs: 50,
      timeoutMs: 200,
      onError: (error) => errors.push(error),
    });
    await sleep(300);
    expect(client.evaluate('personalization.any', { sessionId: 'v1' }).enabled).toBe(false);
    expect(errors.length).toBeGreaterThan(0);
    await client.destroy();
  });

  it('shuts down while a fetch is in flight without an unhandled error', async () => {
    const server = await startBrokenServer();
    const client = await createRemoteFlagClient({
      url: server.url,
      apiToken: 'token',
      appName: 'tests',
      refreshIntervalMs: 50,
      timeoutMs: 1000,
      onError: () => undefined,
    });
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
    try {
      await client.destroy();
      // The request in flight fails after the client is gone.
      await sleep(800);
      await server.close();
      // make-fetch-happen retries the request in flight: with the server gone it fails with ECONNREFUSED.
      await sleep(2500);
    } finally {
      process.off('uncaughtException', record);
      process.off('unhandledRejection', record);
    }
    expect(uncaught).toEqual([]);
  });
});
