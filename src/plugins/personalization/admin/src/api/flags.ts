import type {
  CreateFlagBody,
  FlagRecord,
  FlagsMeta,
  UpdateFlagBody,
} from '../../../shared/contracts/templates';
import { apiPath } from '../pluginPaths';
import { query, type FetchClient } from './request';

/** The flags; `meta` is a FlagsMeta (local or remote mode). */
export const listFlags = () => query<FlagRecord[]>(apiPath('flags'));
export type { FlagsMeta };

export const flagCommands = (client: FetchClient) => ({
  /** `existing` is the saved flag's name; null creates one from the body (with its name). */
  saveFlag: async (
    existing: string | null,
    body: UpdateFlagBody | CreateFlagBody
  ): Promise<void> => {
    if (existing !== null) await client.put(apiPath('flags', existing), body);
    else await client.post(apiPath('flags'), body);
  },
});
