import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export const ROOT = path.resolve(__dirname, '..', '..');

/** Throw-away secrets, the same for every instance (API tokens and JWTs must verify anywhere). */
const SECRETS = {
  APP_KEYS: 'load-key-1,load-key-2',
  API_TOKEN_SALT: 'load-api-token-salt',
  ADMIN_JWT_SECRET: 'load-admin-jwt-secret',
  TRANSFER_TOKEN_SALT: 'load-transfer-token-salt',
  JWT_SECRET: 'load-jwt-secret',
  ENCRYPTION_KEY: 'load-encryption-key',
};

export const METRICS_SECRET = 'load-test-metrics-secret';

export interface ClusterOptions {
  instances: number;
  firstPort: number;
  /** PostgreSQL server to create the load database on. */
  postgresUrl: string;
  /** Redis shared by the instances (its own db number keeps the keys apart from tests). */
  redisUrl: string;
  env?: Record<string, string>;
}

export interface Cluster {
  baseUrls: string[];
  logDir: string;
  stop(): Promise<void>;
}

const withDatabase = (url: string, name: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

const admin = async <T>(url: string, run: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
};

const waitUntilReady = async (url: string, child: ChildProcess, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
};

/**
 * Starts N instances of the compiled app (`strapi start`) on one new PostgreSQL database and one
 * Redis, one after the other (the first creates the schema and the demo content), each on its own
 * port. `stop()` ends them and drops the database.
 */
export const startCluster = async (options: ClusterOptions): Promise<Cluster> => {
  const id = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const database = `pz_load_${id}`;
  await admin(options.postgresUrl, (client) => client.query(`CREATE DATABASE "${database}"`));
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pz-load-'));
  const children: ChildProcess[] = [];
  const logs: number[] = [];

  const stop = async () => {
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      })
    );
    logs.forEach((log) => fs.closeSync(log));
    await admin(options.postgresUrl, (client) =>
      client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
    );
  };

  const baseUrls: string[] = [];
  try {
    for (let index = 0; index < options.instances; index += 1) {
      const port = options.firstPort + index;
      const log = fs.openSync(path.join(logDir, `instance-${index + 1}.log`), 'w');
      logs.push(log);
      const child = spawn(
        process.execPath,
        [path.join(ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'],
        {
          cwd: ROOT,
          stdio: ['ignore', log, log],
          env: {
            ...process.env,
            ...SECRETS,
            NODE_ENV: 'production',
            HOST: '127.0.0.1',
            PORT: String(port),
            DATABASE_CLIENT: 'postgres',
            DATABASE_URL: withDatabase(options.postgresUrl, database),
            REDIS_URL: options.redisUrl,
            PERSONALIZATION_REDIS_PREFIX: `pz-load-${id}:`,
            PERSONALIZATION_METRICS_ENABLED: 'true',
            PERSONALIZATION_METRICS_SECRET: METRICS_SECRET,
            SERVE_ADMIN_PANEL: 'false',
            STRAPI_LOG_LEVEL: 'warn',
            STRAPI_TELEMETRY_DISABLED: 'true',
            SEED_DEMO_RULES: 'false',
            ...options.env,
          },
        }
      );
      children.push(child);
      const baseUrl = `http://127.0.0.1:${port}`;
      await waitUntilReady(`${baseUrl}/api/personalization/health`, child, 180_000).catch(
        (error: Error) => {
          throw new Error(`instance ${index + 1}: ${error.message}; see ${logDir}`);
        }
      );
      baseUrls.push(baseUrl);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrls, logDir, stop };
};
