import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain Node script, not a module with types
const { ensureEnvFile, GENERATED_SECRETS } = require('../../../scripts/ensure-env.js') as {
  ensureEnvFile: (file: string, environment?: Record<string, string | undefined>) => string[];
  GENERATED_SECRETS: string[];
};

const parse = (file: string): Record<string, string> =>
  Object.fromEntries(
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z0-9_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
  );

describe('scripts/ensure-env.js', () => {
  let directory: string;
  let file: string;

  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pz-env-'));
    file = path.join(directory, '.env');
  });

  afterEach(() => {
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('writes every secret, distinct and non-empty, into a new file readable only by its owner', () => {
    expect(ensureEnvFile(file, {})).toEqual(GENERATED_SECRETS);
    const values = parse(file);
    expect(Object.keys(values)).toEqual(GENERATED_SECRETS);
    expect(new Set(Object.values(values)).size).toBe(GENERATED_SECRETS.length);
    expect(values.APP_KEYS.split(',')).toHaveLength(4);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
  });

  it('keeps existing values and only appends what is missing', () => {
    fs.writeFileSync(file, 'JWT_SECRET=mine\nHOST=0.0.0.0');
    expect(ensureEnvFile(file, {})).not.toContain('JWT_SECRET');
    const values = parse(file);
    expect(values.JWT_SECRET).toBe('mine');
    expect(values.HOST).toBe('0.0.0.0');
    expect(values.APP_KEYS).toBeDefined();
  });

  it('does not write secrets the environment already provides', () => {
    const environment = Object.fromEntries(GENERATED_SECRETS.map((name) => [name, 'from-ci']));
    expect(ensureEnvFile(file, environment)).toEqual([]);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('is idempotent', () => {
    ensureEnvFile(file, {});
    const first = fs.readFileSync(file, 'utf8');
    expect(ensureEnvFile(file, {})).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe(first);
  });
});
