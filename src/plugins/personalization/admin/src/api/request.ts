import type { useFetchClient } from '@strapi/strapi/admin';

/** Strapi's admin fetch client (the hook's: its requests end when the component unmounts). */
export type FetchClient = ReturnType<typeof useFetchClient>;

/** How the plugin's admin routes answer: `{ data, meta }`. */
export interface Envelope<T> {
  data: T;
  meta?: Record<string, unknown>;
}

/**
 * A GET route and the type of its `data`, for `useLoad`. The answer type only lives in the type
 * system (`answer` is never set): the URL is what `useLoad` fetches and re-fetches on change.
 */
export interface Query<T> {
  readonly url: string;
  readonly answer?: T;
}

export const query = <T>(url: string): Query<T> => ({ url });

/** GETs a plugin route and unwraps its `data`. */
export const getData = async <T>(client: FetchClient, url: string): Promise<T> =>
  (await client.get<Envelope<T>>(url)).data.data;
