import type { EntryOption } from '../../../shared/contracts/admin';
import type { PreviewBody, PreviewResult } from '../../../shared/contracts/templates';
import { apiPath } from '../pluginPaths';
import { query, type Envelope, type FetchClient } from './request';

/** Entries of a type for the preview's picker, matching `search` when given. */
export const listEntries = (
  contentType: string,
  status: NonNullable<PreviewBody['status']>,
  search: string
) =>
  query<EntryOption[]>(
    `${apiPath('entries', contentType)}?${new URLSearchParams({
      status,
      ...(search ? { search } : {}),
    }).toString()}`
  );

export const previewCommands = (client: FetchClient) => ({
  preview: async (body: PreviewBody): Promise<PreviewResult> =>
    (await client.post<Envelope<PreviewResult>>(apiPath('preview'), body)).data.data,
});
