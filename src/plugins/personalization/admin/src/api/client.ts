import { useMemo } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { audienceCommands } from './audience';
import { experimentCommands } from './experiments';
import { flagCommands } from './flags';
import { operationCommands } from './operations';
import { panelCommands } from './panel';
import { previewCommands } from './preview';
import type { Envelope, FetchClient, Query } from './request';
import { ruleCommands } from './rules';
import { templateCommands } from './templates';

/** Every call the admin makes to the plugin's server, typed by the shared contracts. */
export const createPluginApi = (client: FetchClient) => ({
  /** The whole `{ data, meta }` answer of a GET route (see useLoad). */
  load: async <T>(route: Query<T>): Promise<Envelope<T>> =>
    (await client.get<Envelope<T>>(route.url)).data,
  ...templateCommands(client),
  ...ruleCommands(client),
  ...flagCommands(client),
  ...experimentCommands(client),
  ...audienceCommands(client),
  ...panelCommands(client),
  ...previewCommands(client),
  ...operationCommands(client),
});

export type PluginApi = ReturnType<typeof createPluginApi>;

/** The plugin API on the component's fetch client: its requests end when the component unmounts. */
export const usePluginApi = (): PluginApi => {
  const client = useFetchClient();
  return useMemo(() => createPluginApi(client), [client]);
};
