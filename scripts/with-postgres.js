#!/usr/bin/env node
'use strict';

/**
 * Runs a command (the API suites) against PostgreSQL: checks the server answers, lets each booted
 * Strapi create a database of its own, and drops whatever test databases are left afterwards.
 * Usage: node scripts/with-postgres.js jest --selectProjects api
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { Client } = require('pg');

const PREFIX = 'pz_test_';
const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const redacted = adminUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

const connect = async () => {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  return client;
};

const dropLeftovers = async () => {
  const client = await connect();
  try {
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `${PREFIX}%`,
    ]);
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    return rows.length;
  } finally {
    await client.end();
  }
};

const main = async () => {
  const [command, ...args] = process.argv.slice(2);
  if (!command) {
    console.error('usage: node scripts/with-postgres.js <command> [args…]');
    return 2;
  }

  try {
    const client = await connect();
    const { rows } = await client.query('SHOW server_version');
    await client.end();
    console.log(`[test:postgres] PostgreSQL ${rows[0].server_version} at ${redacted}`);
  } catch (error) {
    console.error(
      `[test:postgres] PostgreSQL is not reachable at ${redacted}: ${error.message}\n` +
        'Start a server on 127.0.0.1:5432 (trust auth or a password in DATABASE_URL), or set\n' +
        'DATABASE_URL=postgres://user:password@host:port/postgres to a server where that user may create databases.'
    );
    return 1;
  }

  const bin = path.resolve(__dirname, '..', 'node_modules', '.bin', command);
  const result = spawnSync(bin, args, {
    stdio: 'inherit',
    env: { ...process.env, PZ_TEST_DATABASE: 'postgres', PZ_TEST_POSTGRES_URL: adminUrl },
  });

  const dropped = await dropLeftovers();
  if (dropped > 0) {
    console.log(`[test:postgres] dropped ${dropped} leftover test database(s)`);
  }
  return result.status ?? 1;
};

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
