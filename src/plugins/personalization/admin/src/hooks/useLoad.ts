import { useCallback, useEffect, useState } from 'react';
import { usePluginApi } from '../api/client';
import type { Query } from '../api/request';
import { errorMessage } from '../utils/errorMessage';

export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: T; meta: Record<string, unknown> };

/** GETs a plugin admin route (`{ data, meta }` answers); `reload` fetches it again. */
export const useLoad = <T>(query: Query<T> | null) => {
  const api = usePluginApi();
  // The URL, not the query object (new on each render), decides when to fetch again.
  const url = query === null ? null : query.url;
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (url === null) return;
    let cancelled = false;
    api
      .load<T>({ url })
      .then((answer) => {
        if (!cancelled) setState({ status: 'ready', data: answer.data, meta: answer.meta ?? {} });
      })
      .catch((error: unknown) => {
        if (!cancelled) setState({ status: 'error', message: errorMessage(error) });
      });
    return () => {
      cancelled = true;
    };
  }, [api, url, round]);

  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { state, reload };
};
