import type { CreateVariantBody, VariantSummary } from '../../../shared/contracts/admin';
import type { EntryTag, EntryTagsResponse, RelatedResponse } from '../../../shared/contracts/tags';
import { apiPath } from '../pluginPaths';
import { query, type Envelope, type FetchClient } from './request';

/** The tag routes take the tag inside `data`. */
type TagBody = { data: Pick<EntryTag, 'label' | 'type'> };

export const getEntryTags = (uid: string, documentId: string) =>
  query<EntryTagsResponse>(apiPath('tags', uid, documentId));
export const getRelated = (uid: string, documentId: string) =>
  query<RelatedResponse>(`${apiPath('related', uid, documentId)}?limit=5`);
export const listVariants = (uid: string, documentId: string) =>
  query<VariantSummary[]>(apiPath('variants', uid, documentId));

export const panelCommands = (client: FetchClient) => ({
  addTag: async (uid: string, documentId: string, body: TagBody): Promise<void> => {
    await client.post(apiPath('tags', uid, documentId), body);
  },
  decideTag: async (
    uid: string,
    documentId: string,
    decision: 'accept' | 'reject',
    body: TagBody
  ): Promise<void> => {
    await client.post(apiPath('tags', uid, documentId, decision), body);
  },
  /** Queues the entry (with a documentId) or every entry of the type for tagging again. */
  retag: async (uid: string, documentId?: string): Promise<void> => {
    const path =
      documentId === undefined
        ? apiPath('tagging', 'rescan', uid)
        : apiPath('tagging', 'rescan', uid, documentId);
    await client.post(path, {});
  },
  createVariant: async (
    uid: string,
    documentId: string,
    body: CreateVariantBody
  ): Promise<VariantSummary> =>
    (await client.post<Envelope<VariantSummary>>(apiPath('variants', uid, documentId), body)).data
      .data,
});
