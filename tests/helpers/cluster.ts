import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { postgresAdminUrl, type TestDatabase } from './database';
import { ROOT } from './strapi';
import { freePort } from './free-port';

export { freePort };

const STRAPI_BIN = path.join(ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');

/**
 * One Strapi instance of a cluster: a child process running `strapi start` on the built app
 * (dist/), on its own port, with the environment every instance shares. It can be killed with
 * SIGKILL and started again on the same port, as a crashed and restarted container would be.
 */
export interface ClusterInstance {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  /** The pid of the running process (its INSTANCE_ID starts with `<hostname>:<pid>:`). */
  pid(): number;
  /** Whether `owner` (an INSTANCE_ID written by the plugin) names the running process. */
  owns(owner: string | null | undefined): boolean;
  http(): ReturnType<typeof request>;
  /** Everything the instance wrote to stdout and stderr, over all its starts. */
  logs(): string;
  start(): Promise<void>;
  /** SIGKILL: no shutdown hook runs, connections and held jobs are simply left. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export interface InstanceOptions {
  name: string;
  port: number;
  /** Environment shared by the cluster (database, Redis, plugin knobs) plus this instance's own. */
  env: Record<string, string>;
  /** How long a boot may take before start() fails. */
  bootTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once the process answers its liveness route, or rejects when it exits first. */
const waitUntilLive = async (
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  name: string
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `instance ${name} exited during boot (${child.exitCode ?? child.signalCode})`
      );
    }
    try {
      const response = await fetch(`${url}/api/personalization/health`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`instance ${name} did not answer within ${timeoutMs} ms`);
};

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));

export const createInstance = (options: InstanceOptions): ClusterInstance => {
  const url = `http://127.0.0.1:${options.port}`;
  const logFile = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), `pz-cluster-${options.name}-`)),
    'instance.log'
  );
  let child: ChildProcess | null = null;

  const running = (): ChildProcess => {
    if (!child) throw new Error(`instance ${options.name} is not running`);
    return child;
  };

  return {
    name: options.name,
    port: options.port,
    url,
    pid: () => running().pid ?? -1,
    owns(owner) {
      return Boolean(child?.pid && owner?.startsWith(`${os.hostname()}:${child.pid}:`));
    },
    http: () => request(url),
    logs: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''),

    async start() {
      if (child) throw new Error(`instance ${options.name} is already running`);
      const log = fs.openSync(logFile, 'a');
      child = spawn(process.execPath, [STRAPI_BIN, 'start'], {
        cwd: ROOT,
        env: {
          ...process.env,
          // jest's own flag is not for the app; Strapi must not think it is under a test runner.
          NODE_OPTIONS: '',
          JEST_WORKER_ID: undefined,
          ...options.env,
          HOST: '127.0.0.1',
          PORT: String(options.port),
        },
        stdio: ['ignore', log, log],
      });
      fs.closeSync(log);
      try {
        await waitUntilLive(url, child, options.bootTimeoutMs ?? 90_000, options.name);
      } catch (error) {
        child.kill('SIGKILL');
        await exited(child);
        child = null;
        throw new Error(`${(error as Error).message}\n--- log ---\n${this.logs().slice(-4000)}`);
      }
    },

    async kill() {
      if (!child) return;
      const current = child;
      current.kill('SIGKILL');
      await exited(current);
      child = null;
    },

    async stop() {
      if (!child) return;
      const current = child;
      current.kill('SIGTERM');
      const timeout = setTimeout(() => current.kill('SIGKILL'), 10_000);
      await exited(current);
      clearTimeout(timeout);
      child = null;
    },
  };
};

/** A scheduled-job line the plugin logs at debug level (services/scheduled/jobs.ts). */
export interface ScheduledRunLine {
  job: string;
  outcome: 'ran' | 'skipped';
  slot: string;
}

export const scheduledRunLines = (logs: string): ScheduledRunLine[] =>
  [...logs.matchAll(/scheduled job (\S+) (ran|skipped) slot (\S+) on /g)].map((match) => ({
    job: match[1],
    outcome: match[2] as 'ran' | 'skipped',
    slot: match[3],
  }));

/** A PostgreSQL database of the cluster's own (not pz_test_*, which other suites clean up). */
export const createClusterDatabase = async (): Promise<TestDatabase> => {
  const adminUrl = postgresAdminUrl();
  const name = `pz_cluster_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    client: 'postgres',
    env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: url.toString() },
    async drop() {
      const dropper = new Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
};
