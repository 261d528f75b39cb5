import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { postgresAdminUrl } from './database';
import { ROOT } from './strapi';
import { freePort } from './free-port';

export interface UnleashServer {
  url: string;
  /** A backend (client) token for the `development` environment of the default project. */
  clientToken: string;
  admin(method: string, pathname: string, body?: unknown): Promise<unknown>;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

const ADMIN_TOKEN = '*:*.pz-tests-admin-secret';
const CLIENT_TOKEN = 'default:development.pz-tests-backend-secret';

const withDatabase = (url: string, name: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

/**
 * Starts the real unleash-server from node_modules (7.5.x runs on Node 20) on a fresh PostgreSQL
 * database, with an admin and a backend token created at start.
 */
export const startUnleashServer = async (): Promise<UnleashServer> => {
  const adminUrl = postgresAdminUrl();
  const database = `pz_test_unleash_${randomBytes(4).toString('hex')}`;
  const pg = new Client({ connectionString: adminUrl });
  await pg.connect();
  await pg.query(`CREATE DATABASE ${database}`);
  await pg.end();

  const port = await freePort();
  const logFile = path.join(os.tmpdir(), `${database}.log`);
  const log = fs.openSync(logFile, 'w');
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'unleash-server', 'dist', 'server.js')],
    {
      stdio: ['ignore', log, log],
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: withDatabase(adminUrl, database),
        DATABASE_SSL: 'false',
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(port),
        INIT_ADMIN_API_TOKENS: ADMIN_TOKEN,
        INIT_BACKEND_API_TOKENS: CLIENT_TOKEN,
        LOG_LEVEL: 'warn',
      },
    }
  );
  const url = `http://127.0.0.1:${port}/api/`;

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`unleash-server exited early; see ${logFile}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline)
      throw new Error(`unleash-server did not start in 90 s; see ${logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
  };

  return {
    url,
    clientToken: CLIENT_TOKEN,
    async admin(method, pathname, body) {
      const response = await fetch(`http://127.0.0.1:${port}/api/admin/${pathname}`, {
        method,
        headers: { Authorization: ADMIN_TOKEN, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok)
        throw new Error(`Unleash ${method} ${pathname}: ${response.status} ${text}`);
      return text ? (JSON.parse(text) as unknown) : null;
    },
    kill,
    async stop() {
      await kill();
      fs.closeSync(log);
      const dropper = new Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await dropper.end();
    },
  };
};
