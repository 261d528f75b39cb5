import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

/** Secrets for throw-away benchmark instances; never used for anything that is kept. */
const BENCH_SECRETS = {
  APP_KEYS: 'bench-key-1,bench-key-2',
  API_TOKEN_SALT: 'bench-api-token-salt',
  ADMIN_JWT_SECRET: 'bench-admin-jwt-secret',
  TRANSFER_TOKEN_SALT: 'bench-transfer-token-salt',
  JWT_SECRET: 'bench-jwt-secret',
  ENCRYPTION_KEY: 'bench-encryption-key',
};

export interface Instance {
  name: string;
  baseUrl: string;
  stop(): Promise<void>;
}

const waitUntilReady = async (url: string, child: ChildProcess, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the instance exited with code ${child.exitCode} before it was ready`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
};

/**
 * Starts the compiled application (`strapi start`) on its own port and SQLite file with extra
 * environment, and waits until it serves the demo articles.
 */
export const startInstance = async (
  name: string,
  port: number,
  env: Record<string, string>
): Promise<Instance> => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), `pz-bench-${name}-`));
  const logFile = path.join(directory, 'strapi.log');
  const log = fs.openSync(logFile, 'w');
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'],
    {
      cwd: ROOT,
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        ...BENCH_SECRETS,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_CLIENT: 'sqlite',
        DATABASE_FILENAME: path.join(directory, 'bench.db'),
        SERVE_ADMIN_PANEL: 'false',
        STRAPI_LOG_LEVEL: 'error',
        STRAPI_TELEMETRY_DISABLED: 'true',
        // The benchmarks set up their own rules; the demo's would change what is measured.
        SEED_DEMO_RULES: 'false',
        ...env,
      },
    }
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(`${baseUrl}/api/articles`, child, 120_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${name}: ${(error as Error).message}; see ${logFile}`);
  }
  return {
    name,
    baseUrl,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.closeSync(log);
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
};
