import { spawnSync } from 'node:child_process';
import path from 'node:path';

const script = path.resolve(__dirname, '../../../scripts/with-postgres.js');

describe('scripts/with-postgres.js', () => {
  it('stops with a clear message when no PostgreSQL server answers', () => {
    // Port 9 (discard) on loopback is closed on the machines this runs on: the connection is refused.
    const result = spawnSync(process.execPath, [script, 'jest', '--version'], {
      env: { ...process.env, DATABASE_URL: 'postgres://tester:secret@127.0.0.1:9/postgres' },
      encoding: 'utf8',
    });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'PostgreSQL is not reachable at postgres://tester:***@127.0.0.1:9/postgres'
    );
    expect(result.stderr).toContain('DATABASE_URL=');
    expect(result.stderr).not.toContain('secret');
    expect(result.stdout).not.toMatch(/^\d+\.\d+\.\d+/m);
  });

  it('refuses to run without a command', () => {
    const result = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage:');
  });
});
