/**
 * `fetch` that retries when the connection is reset before an answer. After the server has held
 * its event loop for longer than its keep-alive timeout, it closes idle sockets as soon as it
 * runs again, and a request already sent on one of them fails with ECONNRESET: the request was
 * never read, so sending it again is safe. Latency is measured by the caller over all attempts.
 */
export const fetchRetrying = async (
  url: string,
  init: RequestInit = {},
  attempts = 3
): Promise<{ response: Response; resets: number }> => {
  for (let resets = 0; ; resets += 1) {
    try {
      return { response: await fetch(url, init), resets };
    } catch (error) {
      const code = ((error as Error).cause as { code?: string } | undefined)?.code;
      const reset = code === 'ECONNRESET' || code === 'UND_ERR_SOCKET';
      if (!reset || resets + 1 >= attempts) throw error;
    }
  }
};
