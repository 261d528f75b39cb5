import { useCallback, useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { errorMessage } from '../utils/errorMessage';

export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: T; meta: Record<string, unknown> };

/** GETs a plugin admin route (`{ data, meta }` answers); `reload` fetches it again. */
export const useLoad = <T>(url: string | null) => {
  const { get } = useFetchClient();
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (url === null) return;
    let cancelled = false;
    get<{ data: T; meta?: Record<string, unknown> }>(url)
      .then(({ data }) => {
        if (!cancelled) setState({ status: 'ready', data: data.data, meta: data.meta ?? {} });
      })
      .catch((error: unknown) => {
        if (!cancelled) setState({ status: 'error', message: errorMessage(error) });
      });
    return () => {
      cancelled = true;
    };
  }, [get, url, round]);

  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { state, reload };
};
