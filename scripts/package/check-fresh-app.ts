/**
 * Packs the plugin with `npm pack`, installs the tarball into a fresh Strapi app made in a temporary
 * folder (scripts/package/fresh-app: no demo code, one `note` type with the opt-in), builds its admin
 * panel, boots it on SQLite and checks, over HTTP, that a saved note gets tags and that two callers
 * get two different variants of it. Exits non-zero with the failing step named.
 *
 *   npm run test:package      KEEP_FRESH_APP=1 keeps the folder; FRESH_APP_DIR=<kept app folder>
 *                             boots and checks that app again without packing or installing
 */
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../tests/helpers/free-port';
import { checkDelivery, checkTagging, signIn } from './fresh-app-checks';

const ROOT = path.resolve(__dirname, '..', '..');
const PLUGIN_DIR = path.join(ROOT, 'src', 'plugins', 'personalization');
const TEMPLATE_DIR = path.join(__dirname, 'fresh-app');
/** What a fresh Strapi app lists itself, at the versions this repository tests. */
const APP_DEPENDENCIES = [
  '@strapi/strapi',
  '@strapi/plugin-users-permissions',
  'better-sqlite3',
  'react',
  'react-dom',
  'react-router-dom',
  'styled-components',
];
const ADMIN = { email: 'ci@example.com', password: 'Fresh-app-check-1' };

const started = Date.now();
const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
const log = (message: string) => console.log(`[test:package] ${message} (${elapsed()})`);

const run = (step: string, command: string, args: string[], cwd: string, env = process.env) => {
  log(`${step}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd, env, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${step} failed (exit ${result.status ?? 'signal'})`);
};

const packPlugin = (destination: string): string => {
  run('build the plugin', 'npm', ['run', 'build'], PLUGIN_DIR);
  run('check its exports (strapi-plugin verify)', 'npm', ['run', 'verify'], PLUGIN_DIR);
  // Built just above: the prepack script (the same build) is skipped so stdout is only the JSON.
  const packed = spawnSync(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', destination],
    {
      cwd: PLUGIN_DIR,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }
  );
  if (packed.status !== 0) throw new Error(`npm pack failed (exit ${packed.status})`);
  const [{ filename, size, entryCount }] = JSON.parse(packed.stdout) as Array<{
    filename: string;
    size: number;
    entryCount: number;
  }>;
  log(`packed ${filename}: ${entryCount} files, ${(size / 1e6).toFixed(1)} MB`);
  return path.join(destination, filename);
};

const secret = () => crypto.randomBytes(16).toString('base64');

const writeApp = (appDir: string, tarball: string): void => {
  fs.cpSync(TEMPLATE_DIR, appDir, { recursive: true });
  const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    engines: Record<string, string>;
  };
  const dependencies = Object.fromEntries(
    APP_DEPENDENCIES.map((name) => [name, root.dependencies[name]])
  );
  const manifest = {
    name: 'fresh-strapi-app',
    private: true,
    version: '0.0.0',
    scripts: { build: 'strapi build', start: 'strapi start' },
    dependencies: { ...dependencies, 'strapi-plugin-personalization': `file:${tarball}` },
    engines: root.engines,
  };
  fs.writeFileSync(path.join(appDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // Strapi's local upload provider refuses to start without its folder.
  fs.mkdirSync(path.join(appDir, 'public', 'uploads'), { recursive: true });
  // Same as the repository's .npmrc: onnxruntime-node's CPU binaries ship in its npm tarball.
  fs.writeFileSync(path.join(appDir, '.npmrc'), 'onnxruntime-node-install=skip\n');
  const env = {
    APP_KEYS: [secret(), secret()].join(','),
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
  };
  fs.writeFileSync(
    path.join(appDir, '.env'),
    Object.entries(env)
      .map(([name, value]) => `${name}=${value}`)
      .join('\n')
  );
};

/**
 * Copies a native module this repository's install already compiled, at the same version, into the
 * app before `npm install`, which keeps it: compiling better-sqlite3 again would add minutes to CI
 * and prove nothing about the plugin.
 */
const seedNativeModule = (appDir: string, name: string): void => {
  fs.cpSync(path.join(ROOT, 'node_modules', name), path.join(appDir, 'node_modules', name), {
    recursive: true,
  });
};

const waitForHealth = async (base: string, server: ReturnType<typeof spawn>): Promise<void> => {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`strapi start exited with ${server.exitCode}`);
    const answer = await fetch(`${base}/_health`).catch(() => null);
    if (answer?.status === 204) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error('the fresh app did not answer /_health within 180 s');
};

const bootAndCheck = async (appDir: string): Promise<void> => {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), NODE_ENV: 'production', BROWSER: 'none' };
  run(
    'create the first administrator',
    'npx',
    [
      'strapi',
      'admin:create-user',
      `--email=${ADMIN.email}`,
      `--password=${ADMIN.password}`,
      '--firstname=Fresh',
      '--lastname=App',
    ],
    appDir,
    env
  );
  log(`strapi start on port ${port}`);
  // The binary itself, not through npx: killing npx would leave Strapi running.
  const strapiBin = path.join(appDir, 'node_modules', '.bin', 'strapi');
  const server = spawn(strapiBin, ['start'], { cwd: appDir, env, stdio: 'inherit' });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForHealth(base, server);
    log('the fresh app is up');
    const session = await signIn(base, ADMIN);
    const baseNote = await checkTagging(session, log);
    await checkDelivery(session, baseNote, log);
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
};

const main = async (): Promise<void> => {
  const reused = process.env.FRESH_APP_DIR;
  if (reused) {
    await bootAndCheck(path.resolve(reused));
    log('PASSED (reused app)');
    return;
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pz-fresh-app-'));
  const appDir = path.join(workDir, 'app');
  try {
    const tarball = packPlugin(workDir);
    writeApp(appDir, tarball);
    seedNativeModule(appDir, 'better-sqlite3');
    run('install', 'npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], appDir);
    run('admin build', 'npx', ['strapi', 'build'], appDir);
    // A JavaScript app builds its admin panel into build/ (a TypeScript one into dist/build/).
    const bundle = fs.readdirSync(path.join(appDir, 'build'), { recursive: true });
    log(`admin panel built (${bundle.length} files)`);
    await bootAndCheck(appDir);
    log('PASSED: the packed plugin tags and personalizes in a fresh Strapi app');
  } finally {
    if (process.env.KEEP_FRESH_APP) log(`kept ${appDir}`);
    else fs.rmSync(workDir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(`[test:package] FAILED: ${(error as Error).message}`);
  process.exit(1);
});
