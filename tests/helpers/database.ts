import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/** A database of its own for one booted Strapi: a temporary SQLite file or a fresh PostgreSQL database. */
export interface TestDatabase {
  client: 'sqlite' | 'postgres';
  env: Record<string, string>;
  drop(): Promise<void>;
}

export const TEST_DATABASE_PREFIX = 'pz_test_';

/** The server the PostgreSQL suite uses: DATABASE_URL, or the local server on 127.0.0.1:5432. */
export const postgresAdminUrl = (): string =>
  process.env.PZ_TEST_POSTGRES_URL ??
  process.env.DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

const withDatabaseName = (url: string, name: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

const uniqueName = (): string =>
  `${TEST_DATABASE_PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`;

const createSqliteDatabase = (): TestDatabase => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pz-sqlite-'));
  const filename = path.join(directory, 'test.db');
  return {
    client: 'sqlite',
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
    async drop() {
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
};

const createPostgresDatabase = async (): Promise<TestDatabase> => {
  const adminUrl = postgresAdminUrl();
  const name = uniqueName();
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    client: 'postgres',
    env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: withDatabaseName(adminUrl, name) },
    async drop() {
      const dropper = new Client({ connectionString: adminUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
};

/** Chooses the database from the environment the suite was started with (`npm run test:postgres` sets postgres). */
export const createTestDatabase = async (): Promise<TestDatabase> =>
  process.env.PZ_TEST_DATABASE === 'postgres' ? createPostgresDatabase() : createSqliteDatabase();
