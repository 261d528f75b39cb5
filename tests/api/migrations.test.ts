import knexFactory, { type Knex } from 'knex';
import { MIGRATIONS } from '../../src/plugins/personalization/server/src/migrations/list';
import {
  MIGRATIONS_TABLE,
  runMigrations,
} from '../../src/plugins/personalization/server/src/migrations/run';
import type { Migration } from '../../src/plugins/personalization/server/src/migrations/types';
import { isPostgres } from '../../src/plugins/personalization/server/src/utils/raw-rows';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { HOST_APP_MIGRATIONS_20261201, createSchema20261201 } from '../fixtures/schema-2026-12-01';

/**
 * The plugin owns its tables: on boot it runs its versioned migrations (server/src/migrations),
 * on a fresh database and on one made before it recorded them (the tables its services used to
 * create at boot, plus the three migrations the host app used to copy). On SQLite, and on
 * PostgreSQL under `npm run test:postgres`.
 */
const ENV = { SEED_DEMO_CONTENT: 'false' };

/** Written out, not derived from the code, so a table a migration forgets fails here. */
const TABLES_BY_VERSION: Record<number, { name: string; tables: string[] }> = {
  1: { name: 'tagging', tables: ['personalization_tagging_jobs', 'personalization_tag_metadata'] },
  2: {
    name: 'audience',
    tables: [
      'personalization_events',
      'personalization_profiles',
      'personalization_consents',
      'personalization_identities',
      'personalization_segment_members',
      'personalization_clustering_runs',
    ],
  },
  3: {
    name: 'experiments',
    tables: [
      'personalization_experiment_assignments',
      'personalization_experiment_exposures',
      'personalization_bandit_reweights',
    ],
  },
  4: {
    name: 'privacy',
    tables: [
      'personalization_consent_history',
      'personalization_audit',
      'personalization_report_releases',
    ],
  },
  5: { name: 'shadow', tables: ['personalization_shadow_reports'] },
  6: {
    name: 'recommendations',
    tables: [
      'personalization_feedback_audit',
      'personalization_recommendation_lists',
      'personalization_list_attribution',
    ],
  },
  7: { name: 'scheduled', tables: ['personalization_scheduled_runs'] },
};
const PLUGIN_TABLES = Object.values(TABLES_BY_VERSION).flatMap((entry) => entry.tables);
const EXPECTED_RECORDS = Object.entries(TABLES_BY_VERSION).map(([version, { name }]) => ({
  version: Number(version),
  name,
}));

const openKnex = (database: TestDatabase): Knex =>
  database.client === 'postgres'
    ? knexFactory({ client: 'pg', connection: database.env.DATABASE_URL, pool: { min: 1, max: 2 } })
    : knexFactory({
        client: 'better-sqlite3',
        connection: { filename: database.env.DATABASE_FILENAME },
        useNullAsDefault: true,
      });

const records = async (knex: Knex) =>
  (
    (await knex(MIGRATIONS_TABLE).select('version', 'name').orderBy('version')) as Array<{
      version: unknown;
      name: string;
    }>
  ).map((row) => ({ version: Number(row.version), name: row.name }));

/** Index names of a table, from the database's own catalogue. */
const indexNames = async (knex: Knex, table: string): Promise<string[]> => {
  const rows = isPostgres(knex)
    ? ((await knex('pg_indexes').select('indexname as name').where({ tablename: table })) as Array<{
        name: string;
      }>)
    : ((await knex('sqlite_master')
        .select('name')
        .where({ type: 'index', tbl_name: table })
        .whereNot('name', 'like', 'sqlite_autoindex_%')) as Array<{ name: string }>);
  return rows.map((row) => row.name).sort();
};

/** Columns (type, length, nullability, default) and index names of every plugin table. */
const describeSchema = async (knex: Knex) => {
  const schema: Record<string, unknown> = {};
  for (const table of PLUGIN_TABLES) {
    schema[table] = {
      columns: await knex(table).columnInfo(),
      indexes: await indexNames(knex, table),
    };
  }
  return schema;
};

const NOW = Date.now();

/** One or more rows in the tables an upgrade must not lose; columns added late are filled too. */
const LEGACY_ROWS: Record<string, Array<Record<string, unknown>>> = {
  personalization_tagging_jobs: [
    {
      kind: 'entry',
      uid: 'api::article.article',
      document_id: 'legacy-doc',
      locale: '',
      force: false,
      status: 'done',
      attempts: 1,
      max_attempts: 5,
      run_after: NOW,
      progress_done: 1,
      created_at: NOW,
      updated_at: NOW,
      finished_at: NOW,
    },
  ],
  personalization_tag_metadata: [
    {
      uid: 'api::article.article',
      document_id: 'legacy-doc',
      locale: '',
      extracted: '[]',
      decisions: '{}',
      terms: '[]',
      models: '{}',
      truncated: false,
      tagged_at: NOW,
    },
  ],
  personalization_events: [
    {
      caller_key: 'legacy-caller',
      event_id: 'legacy-event',
      type: 'custom',
      name: 'signup',
      list_id: 'rec-0123456789abcdef',
      occurred_at: NOW,
      session_id: 'session',
      tags: '[]',
      received_at: NOW,
    },
  ],
  personalization_profiles: [
    { caller_key: 'legacy-caller', subject: 'visitor', data: '{}', updated_at: NOW },
  ],
  personalization_consents: [
    { caller_key: 'legacy-caller', personalization: true, analytics: true, updated_at: NOW },
  ],
  personalization_experiment_exposures: [
    {
      experiment_id: 'legacy-experiment',
      phase: 1,
      caller_key: 'legacy-caller',
      arm: 'b',
      exposed_at: NOW,
      bandit_segment: 'sports',
    },
  ],
  personalization_consent_history: [
    {
      caller_key: 'legacy-caller',
      purpose: 'analytics',
      value: true,
      source: 'api',
      changed_at: NOW,
    },
  ],
  personalization_shadow_reports: [
    { rule_name: 'legacy-rule', candidate: 'c1', tally: '{}', started_at: NOW, updated_at: NOW },
  ],
  personalization_recommendation_lists: [
    { list_id: 'rec-0123456789abcdef', uid: 'api::article.article', items: '[]', issued_at: NOW },
  ],
  personalization_scheduled_runs: [
    { name: 'legacy-job', last_slot: NOW, owner: 'old-host', started_at: NOW, runs: 3 },
  ],
};

const readRows = async (knex: Knex) => {
  const rows: Record<string, unknown[]> = {};
  for (const table of Object.keys(LEGACY_ROWS)) {
    rows[table] = await knex(table).select('*').orderBy(Object.keys(LEGACY_ROWS[table][0])[0]);
  }
  return rows;
};

/** What Strapi wrote when it ran the app's copies of the audience migrations. */
const recordHostAppMigrations = async (knex: Knex): Promise<void> => {
  await knex.schema.createTable('strapi_migrations', (table) => {
    table.increments('id');
    table.string('name');
    table.datetime('time', { useTz: false });
  });
  await knex('strapi_migrations').insert(
    HOST_APP_MIGRATIONS_20261201.map((name) => ({ name, time: new Date(NOW) }))
  );
};

describe('the plugin migrates a fresh database at boot', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startStrapi({ env: ENV });
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it('creates every table and records every version once', async () => {
    const knex = app.strapi.db.connection;
    for (const table of PLUGIN_TABLES) {
      expect([table, await knex.schema.hasTable(table)]).toEqual([table, true]);
    }
    expect(await records(knex)).toEqual(EXPECTED_RECORDS);
    expect(MIGRATIONS.map(({ version, name }) => ({ version, name }))).toEqual(EXPECTED_RECORDS);
  });

  it('runs nothing the second time: the records and their times stay as they were', async () => {
    const knex = app.strapi.db.connection;
    const before = await knex(MIGRATIONS_TABLE).select('*').orderBy('version');
    expect(await runMigrations(knex)).toEqual([]);
    expect(await knex(MIGRATIONS_TABLE).select('*').orderBy('version')).toEqual(before);
  });

  it('rolls back a migration that throws, records nothing for it, and names it in the error', async () => {
    const knex = app.strapi.db.connection;
    const broken: Migration = {
      version: 99,
      name: 'broken-step',
      async up(trx) {
        await trx.schema.createTable('personalization_half_made', (table) => {
          table.string('id', 8).primary();
        });
        await trx('personalization_half_made').insert({ id: 'x' });
        throw new Error('the step failed on purpose');
      },
    };
    await expect(runMigrations(knex, { migrations: [...MIGRATIONS, broken] })).rejects.toThrow(
      '[personalization] migration 099-broken-step failed and was rolled back: the step failed on purpose'
    );
    expect(await knex.schema.hasTable('personalization_half_made')).toBe(false);
    expect(await knex(MIGRATIONS_TABLE).where({ version: 99 })).toEqual([]);
    expect(await records(knex)).toEqual(EXPECTED_RECORDS);
  });

  it('makes the same tables, columns and indexes the plugin made before it owned migrations', async () => {
    const legacy = await createTestDatabase();
    const knex = openKnex(legacy);
    try {
      await createSchema20261201(knex);
      const migrated = await describeSchema(app.strapi.db.connection);
      expect(migrated).toEqual(await describeSchema(knex));
      // The catalogue query finds indexes at all (else the comparison above would prove nothing).
      expect(migrated.personalization_events).toMatchObject({
        indexes: expect.arrayContaining(['pz_events_list', 'pz_events_type_time']),
      });
    } finally {
      await knex.destroy();
      await legacy.drop();
    }
  });
});

describe('the plugin upgrades a database made before it recorded migrations', () => {
  let app: TestApp | null = null;
  let database: TestDatabase | null = null;

  afterAll(async () => {
    if (app) await app.destroy();
    else await database?.drop();
  });

  it('keeps every row, adds its record of every version, and boots without the app migration files', async () => {
    database = await createTestDatabase();
    const legacy = openKnex(database);
    let before: Awaited<ReturnType<typeof readRows>>;
    try {
      await createSchema20261201(legacy);
      await recordHostAppMigrations(legacy);
      for (const [table, rows] of Object.entries(LEGACY_ROWS)) await legacy(table).insert(rows);
      before = await readRows(legacy);
      expect(await legacy.schema.hasTable(MIGRATIONS_TABLE)).toBe(false);
    } finally {
      await legacy.destroy();
    }

    app = await startStrapi({ env: ENV, database });
    const knex = app.strapi.db.connection;
    expect(await records(knex)).toEqual(EXPECTED_RECORDS);
    expect(await readRows(knex)).toEqual(before);
    // Strapi keeps its records of the app's old files and does not miss the files themselves.
    expect(
      (
        (await knex('strapi_migrations').select('name').orderBy('id')) as Array<{ name: string }>
      ).map((row) => row.name)
    ).toEqual([...HOST_APP_MIGRATIONS_20261201]);
  });
});

describe('a migration that fails at boot', () => {
  it('stops the boot with an error naming the migration', async () => {
    const database = await createTestDatabase();
    const knex = openKnex(database);
    try {
      // An events table without the columns 003-experiments indexes: 002 finds it and adds its two
      // columns, 003's covering index then fails.
      await knex.schema.createTable('personalization_events', (table) => {
        table.increments('id');
      });
    } finally {
      await knex.destroy();
    }
    // startStrapi drops the database when the boot fails.
    await expect(startStrapi({ env: ENV, database })).rejects.toThrow(
      /\[personalization\] migration 003-experiments failed and was rolled back/
    );
  });
});
