import type { Core } from '@strapi/strapi';
import type { Snapshot } from '../core/changes/change-registry';
import { errors } from '@strapi/utils';
import {
  createLocalFlagClient,
  createRemoteFlagClient,
  toUnleashContext,
  type FlagClient,
  type FlagEvaluation,
  type LocalFlag,
  type LocalFlagClient,
} from '../core/flags';
import type { CallerInput } from '../core/templates';
import type { FlagRow } from '../records/types';
import { FLAG_UID } from '../records/uids';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';
import type { CreateFlagInput, UpdateFlagInput } from '../validation/flag-input';

const toLocalFlag = (row: FlagRow): LocalFlag => ({
  name: row.name,
  description: row.description ?? undefined,
  enabled: row.enabled,
  rollout: row.rollout,
  stickiness: row.stickiness,
  constraints: row.constraints ?? [],
  variants: row.variants ?? [],
});

const switchedOff = (name: string, description: string) => ({
  name,
  description,
  enabled: false,
  rollout: 100,
  stickiness: 'default',
  constraints: [],
  variants: [],
});

const createFlagsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = getPluginConfig(strapi).flags;
  let client: FlagClient | null = null;
  const rows = () => strapi.db.query(FLAG_UID);

  const localClient = (): LocalFlagClient | null =>
    client && client.mode === 'local' ? (client as LocalFlagClient) : null;

  const requireLocalMode = () => {
    if (config.unleash) {
      throw new errors.ValidationError(
        `flags are managed in the Unleash server at ${config.unleash.url}; change them there`
      );
    }
  };

  const findRow = async (name: string): Promise<FlagRow> => {
    const row = (await rows().findOne({ where: { name } })) as FlagRow | null;
    if (!row) throw new errors.NotFoundError(`flag "${name}" does not exist`);
    return row;
  };

  /** Feeds the stored local flags to the client; the next evaluation sees the change. */
  const reloadLocal = async () => {
    const all = (await rows().findMany({ orderBy: { name: 'asc' } })) as FlagRow[];
    await localClient()?.replace(all.map(toLocalFlag));
  };

  /** After a local write: reload, and tell the other instances to reload too. */
  const changed = () => getService(strapi, 'changeChannel').changed('flags');

  return {
    mode: (): 'local' | 'remote' => (config.unleash ? 'remote' : 'local'),

    /** The flag client's state and last successful fetch; null while no client runs. */
    clientStatus: () => client?.status() ?? null,

    async start(): Promise<void> {
      if (config.unleash) {
        const { url, apiToken, refreshIntervalMs, timeoutMs } = config.unleash;
        client = await createRemoteFlagClient({
          url,
          apiToken,
          appName: config.appName,
          refreshIntervalMs,
          timeoutMs,
          // Readers keep the last-known flags; the outage is logged, never thrown.
          onError: (error) => strapi.log.warn(`[personalization] Unleash: ${error.message}`),
        });
        strapi.log.info(`[personalization] flags from the Unleash server at ${url}`);
        return;
      }
      const all = (await rows().findMany({ orderBy: { name: 'asc' } })) as FlagRow[];
      client = await createLocalFlagClient(all.map(toLocalFlag), config.appName);
      strapi.log.info(`[personalization] ${all.length} local flag(s) loaded into unleash-client`);
    },

    /** The local flags fed to the client, re-read on every change here or on another instance. */
    snapshot: { kind: 'flags', reload: reloadLocal } satisfies Snapshot,

    async stop(): Promise<void> {
      const stopping = client;
      client = null;
      await stopping?.destroy();
    },

    /** The flag's state for a caller; off when unknown or when no client runs (fail closed). */
    evaluate(name: string, caller: CallerInput): FlagEvaluation {
      if (!client) return { name, enabled: false, variant: null, payload: null };
      return client.evaluate(name, toUnleashContext(caller));
    },

    async list() {
      if (config.unleash) {
        return (client?.definitions() ?? []).map((feature) => ({
          name: feature.name,
          description: feature.description ?? null,
          enabled: feature.enabled,
          source: 'unleash' as const,
        }));
      }
      return ((await rows().findMany({ orderBy: { name: 'asc' } })) as FlagRow[]).map((row) => ({
        ...row,
        source: 'local' as const,
      }));
    },

    get: findRow,

    async create(input: CreateFlagInput): Promise<FlagRow> {
      requireLocalMode();
      if (await rows().findOne({ where: { name: input.name } })) {
        throw new errors.ValidationError(`flag "${input.name}" already exists; update it instead`);
      }
      const row = (await rows().create({
        data: {
          name: input.name,
          description: input.description ?? null,
          enabled: input.enabled ?? false,
          rollout: input.rollout ?? 100,
          stickiness: input.stickiness ?? 'default',
          constraints: input.constraints ?? [],
          variants: input.variants ?? [],
        },
      })) as FlagRow;
      await changed();
      return row;
    },

    async update(name: string, input: UpdateFlagInput): Promise<FlagRow> {
      requireLocalMode();
      await findRow(name);
      const changes = Object.fromEntries(
        Object.entries(input).filter(([, value]) => value !== undefined)
      );
      const row = (await rows().update({ where: { name }, data: changes })) as FlagRow;
      await changed();
      return row;
    },

    async remove(name: string): Promise<void> {
      requireLocalMode();
      await findRow(name);
      await rows().delete({ where: { name } });
      await changed();
    },

    /** Creates a switched-off local flag for a rule if it has none (the rule keeps its flag's state). */
    async ensureLocalFlag(name: string, description: string): Promise<boolean> {
      if (config.unleash || (await rows().findOne({ where: { name } }))) return false;
      await rows().create({ data: switchedOff(name, description) });
      await changed();
      return true;
    },

    /**
     * The flag of a new rule starts off, so the author turns it on deliberately: created off, or
     * switched off when a flag of that name is left from an earlier rule (or was made beforehand).
     */
    async startLocalFlagOff(name: string, description: string): Promise<void> {
      if (config.unleash) return;
      const existing = (await rows().findOne({ where: { name } })) as FlagRow | null;
      if (!existing) {
        await rows().create({ data: switchedOff(name, description) });
      } else if (existing.enabled) {
        await rows().update({ where: { name }, data: { enabled: false } });
      } else {
        return;
      }
      await changed();
    },

    /** Deletes the local flag of a deleted rule; flags in an Unleash server are managed there. */
    async removeLocalFlag(name: string): Promise<void> {
      if (config.unleash || !(await rows().findOne({ where: { name } }))) return;
      await rows().delete({ where: { name } });
      await changed();
    },
  };
};

export type FlagsService = ReturnType<typeof createFlagsService>;
export default createFlagsService;
