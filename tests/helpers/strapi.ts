import path from 'node:path';
import { createStrapi, type Core } from '@strapi/strapi';
import request from 'supertest';
import { createTestDatabase, type TestDatabase } from './database';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface TestApp {
  strapi: Core.Strapi;
  database: TestDatabase;
  http(): ReturnType<typeof request>;
  destroy(): Promise<void>;
  /** Stops Strapi but keeps its database, so a second boot can reuse it (a restart). */
  stop(): Promise<void>;
}

/** Sets environment variables and returns a function that puts the previous values back. */
const applyEnv = (values: Record<string, string | undefined>): (() => void) => {
  const previous = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  const assign = (entries: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(entries)) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  };
  assign(values);
  return () => assign(previous);
};

const destroyQuietly = async (app: Core.Strapi): Promise<void> => {
  try {
    await app.destroy();
  } catch {
    // A Strapi that failed half-way through load() may have nothing to close.
  }
};

export interface StartOptions {
  /** Extra environment for this boot only (config files read it at load time). */
  env?: Record<string, string | undefined>;
  /** Boot another app directory, e.g. a fixture copy with a broken schema. */
  appDir?: string;
  /** Reuse the database of a stopped app instead of creating one (a restart). */
  database?: TestDatabase;
  /** Runs on the created app before it loads, e.g. to watch its logger from the first line. */
  beforeLoad?: (app: Core.Strapi) => void;
}

/** Boots the real application from dist/ on a database of its own and mounts its HTTP server. */
export const startStrapi = async (options: StartOptions = {}): Promise<TestApp> => {
  const database = options.database ?? (await createTestDatabase());
  const restoreEnv = applyEnv({ ...database.env, ...options.env });
  const appDir = options.appDir ?? ROOT;
  const app = createStrapi({ appDir, distDir: path.join(appDir, 'dist') });
  try {
    options.beforeLoad?.(app);
    await app.load();
    app.server.mount();
  } catch (error) {
    await destroyQuietly(app);
    await database.drop();
    restoreEnv();
    throw error;
  }
  return {
    strapi: app,
    database,
    http: () => request(app.server.httpServer),
    async destroy() {
      await destroyQuietly(app);
      await database.drop();
      restoreEnv();
    },
    async stop() {
      await destroyQuietly(app);
      restoreEnv();
    },
  };
};
