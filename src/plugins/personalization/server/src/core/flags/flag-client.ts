import type { EventEmitter } from 'node:events';
import { InMemStorageProvider, Unleash, type Context } from 'unleash-client';
import type { FeatureInterface } from 'unleash-client/lib/feature';
import { toUnleashFeature, type LocalFlag } from './local-flag';

export interface FlagEvaluation {
  name: string;
  enabled: boolean;
  variant: string | null;
  payload: unknown;
}

/** Whether the client holds flags it could fetch, and when it last did (for metrics). */
export interface FlagClientStatus {
  /** ready: flags held and the last fetch worked; failing: the last fetch failed (last-known flags served). */
  state: 'ready' | 'failing' | 'starting';
  /** Epoch ms of the last successful fetch (local mode: of the last load), null before any. */
  lastFetchAt: number | null;
}

export interface FlagClient {
  readonly mode: 'local' | 'remote';
  status(): FlagClientStatus;
  /** Evaluates a flag for a caller; an unknown flag is off (fail closed). */
  evaluate(name: string, context: Context): FlagEvaluation;
  /** The flag definitions the client currently holds. */
  definitions(): FeatureInterface[];
  destroy(): Promise<void>;
}

export interface LocalFlagClient extends FlagClient {
  readonly mode: 'local';
  /** Replaces the flags; takes effect for the next evaluation. */
  replace(flags: readonly LocalFlag[]): Promise<void>;
}

export interface RemoteFlagOptions {
  url: string;
  apiToken: string;
  appName: string;
  refreshIntervalMs: number;
  timeoutMs: number;
  onError: (error: Error) => void;
}

const parsePayload = (payload: { type: string; value: string } | undefined): unknown => {
  if (!payload) return null;
  if (payload.type === 'json') {
    try {
      return JSON.parse(payload.value) as unknown;
    } catch {
      return payload.value;
    }
  }
  if (payload.type === 'number') {
    const number = Number(payload.value);
    return Number.isFinite(number) ? number : payload.value;
  }
  return payload.value;
};

/** Evaluates one flag with an Unleash client; the variant is null when the flag has none. */
export const evaluateWith = (client: Unleash, name: string, context: Context): FlagEvaluation => {
  const enabled = client.isEnabled(name, context, false);
  if (!enabled) {
    return { name, enabled, variant: null, payload: null };
  }
  const variant = client.getVariant(name, context);
  return variant.enabled
    ? { name, enabled, variant: variant.name, payload: parsePayload(variant.payload) }
    : { name, enabled, variant: null, payload: null };
};

/** Destroys a client without letting a late fetch error or a throw escape. */
const destroyQuietly = (client: Unleash): void => {
  try {
    client.destroy();
  } catch {
    // The client is going away; a failure to stop a timer must not take the process with it.
  }
  // unleash-client's repository drops its listeners when it stops, yet a fetch already in flight
  // still reports its failure there; with no listener Node throws it as an unhandled 'error'.
  const { repository } = client as unknown as { repository?: EventEmitter };
  repository?.on('error', () => undefined);
};

const waitForReady = (client: Unleash, timeoutMs: number): Promise<boolean> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    client.once('ready', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });

const startLocalClient = async (flags: readonly LocalFlag[], appName: string): Promise<Unleash> => {
  const client = new Unleash({
    // Never contacted: refreshInterval 0 and a bootstrap make the client run from memory only.
    url: 'http://127.0.0.1:9/local-flags',
    appName,
    refreshInterval: 0,
    disableMetrics: true,
    storageProvider: new InMemStorageProvider(),
    bootstrap: { data: flags.map(toUnleashFeature) },
    skipInstanceCountWarning: true,
  });
  client.on('error', () => undefined);
  await waitForReady(client, 5000);
  return client;
};

/**
 * Local flags evaluated by unleash-client from a bootstrap, so that rollout hashing and variant
 * stickiness are Unleash's own. A change builds a new client and swaps it in when it is ready.
 */
export const createLocalFlagClient = async (
  flags: readonly LocalFlag[],
  appName: string
): Promise<LocalFlagClient> => {
  let client = await startLocalClient(flags, appName);
  let lastFetchAt = Date.now();
  return {
    mode: 'local',
    status: () => ({ state: 'ready', lastFetchAt }),
    evaluate: (name, context) => evaluateWith(client, name, context),
    definitions: () => client.getFeatureToggleDefinitions() ?? [],
    async replace(next) {
      const previous = client;
      client = await startLocalClient(next, appName);
      lastFetchAt = Date.now();
      destroyQuietly(previous);
    },
    async destroy() {
      destroyQuietly(client);
    },
  };
};

/**
 * A client of a real Unleash server. It polls every refresh interval; while the server is
 * unreachable it keeps answering from the last flags it fetched, and never throws to readers.
 */
export const createRemoteFlagClient = async (options: RemoteFlagOptions): Promise<FlagClient> => {
  const client = new Unleash({
    url: options.url,
    appName: options.appName,
    customHeaders: { Authorization: options.apiToken },
    refreshInterval: options.refreshIntervalMs,
    timeout: options.timeoutMs,
    disableMetrics: true,
    storageProvider: new InMemStorageProvider(),
    skipInstanceCountWarning: true,
  });
  const status: FlagClientStatus = { state: 'starting', lastFetchAt: null };
  const fetched = () => {
    status.state = 'ready';
    status.lastFetchAt = Date.now();
  };
  // 'changed' and 'unchanged' follow every successful poll (200 and 304).
  for (const event of ['ready', 'changed', 'unchanged']) client.on(event, fetched);
  client.on('error', (error: Error) => {
    status.state = 'failing';
    options.onError(error);
  });
  client.on('warn', (message: unknown) => options.onError(new Error(String(message))));
  await waitForReady(client, options.timeoutMs);
  return {
    mode: 'remote',
    status: () => ({ ...status }),
    evaluate: (name, context) => evaluateWith(client, name, context),
    definitions: () => client.getFeatureToggleDefinitions() ?? [],
    async destroy() {
      destroyQuietly(client);
    },
  };
};
