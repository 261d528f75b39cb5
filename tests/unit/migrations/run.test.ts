import knexFactory, { type Knex } from 'knex';
import {
  MIGRATIONS_TABLE,
  runMigrations,
} from '../../../src/plugins/personalization/server/src/migrations/run';
import { MIGRATIONS } from '../../../src/plugins/personalization/server/src/migrations/list';
import type { Migration } from '../../../src/plugins/personalization/server/src/migrations/types';

/** The runner against an in-memory SQLite database (knex keeps its one connection open). */
const memoryKnex = (): Knex =>
  knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });

/** A migration creating table `t_<version>`, noting in `calls` when it runs. */
const creating = (version: number, calls: number[]): Migration => ({
  version,
  name: `create-t${version}`,
  async up(knex) {
    calls.push(version);
    await knex.schema.createTable(`t_${version}`, (table) => {
      table.integer('id').primary();
    });
  },
});

const recorded = async (knex: Knex) =>
  (await knex(MIGRATIONS_TABLE).select('version', 'name').orderBy('version')) as Array<{
    version: number;
    name: string;
  }>;

describe('runMigrations', () => {
  let knex: Knex;

  beforeEach(() => {
    knex = memoryKnex();
  });

  afterEach(async () => {
    await knex.destroy();
  });

  it('runs the migrations oldest first and records each once', async () => {
    const calls: number[] = [];
    const applied = await runMigrations(knex, {
      migrations: [creating(3, calls), creating(1, calls), creating(2, calls)],
    });
    expect(calls).toEqual([1, 2, 3]);
    expect(applied).toEqual(['001-create-t1', '002-create-t2', '003-create-t3']);
    expect(await recorded(knex)).toEqual([
      { version: 1, name: 'create-t1' },
      { version: 2, name: 'create-t2' },
      { version: 3, name: 'create-t3' },
    ]);
  });

  it('skips recorded versions: a second run is a no-op, a new version runs alone', async () => {
    const calls: number[] = [];
    await runMigrations(knex, { migrations: [creating(1, calls), creating(2, calls)] });
    const firstRecords = await knex(MIGRATIONS_TABLE).select('*').orderBy('version');

    expect(
      await runMigrations(knex, { migrations: [creating(1, calls), creating(2, calls)] })
    ).toEqual([]);
    expect(await knex(MIGRATIONS_TABLE).select('*').orderBy('version')).toEqual(firstRecords);

    const later = await runMigrations(knex, {
      migrations: [creating(1, calls), creating(2, calls), creating(3, calls)],
    });
    expect(later).toEqual(['003-create-t3']);
    expect(calls).toEqual([1, 2, 3]);
  });

  it('rolls a failing migration back whole, records nothing for it, runs nothing after it, and names it', async () => {
    const calls: number[] = [];
    const broken: Migration = {
      version: 2,
      name: 'half-done',
      async up(trx) {
        await trx.schema.createTable('t_partial', (table) => {
          table.integer('id').primary();
        });
        await trx('t_partial').insert({ id: 1 });
        throw new Error('column missing');
      },
    };
    await expect(
      runMigrations(knex, { migrations: [creating(1, calls), broken, creating(3, calls)] })
    ).rejects.toThrow(
      '[personalization] migration 002-half-done failed and was rolled back: column missing'
    );
    expect(await knex.schema.hasTable('t_partial')).toBe(false);
    expect(await knex.schema.hasTable('t_1')).toBe(true);
    expect(await knex.schema.hasTable('t_3')).toBe(false);
    expect(calls).toEqual([1]);
    expect(await recorded(knex)).toEqual([{ version: 1, name: 'create-t1' }]);
  });

  it('warns about recorded versions it does not know and still runs its own', async () => {
    const calls: number[] = [];
    await runMigrations(knex, { migrations: [creating(1, calls), creating(9, calls)] });
    const warnings: string[] = [];
    const log = { info: () => undefined, warn: (message: string) => warnings.push(message) };
    expect(
      await runMigrations(knex, { migrations: [creating(1, calls), creating(2, calls)], log })
    ).toEqual(['002-create-t2']);
    expect(warnings).toEqual([expect.stringContaining('does not know (9)')]);
  });

  it('refuses a list with a duplicate version before touching the database', async () => {
    const calls: number[] = [];
    await expect(
      runMigrations(knex, {
        migrations: [creating(1, calls), { ...creating(1, calls), name: 'again' }],
      })
    ).rejects.toThrow('two migrations have version 1');
    expect(calls).toEqual([]);
    expect(await knex.schema.hasTable(MIGRATIONS_TABLE)).toBe(false);
  });
});

describe('the plugin migrations, version by version', () => {
  it('each version creates exactly its own tables', async () => {
    const knex = memoryKnex();
    const tables = async () =>
      (
        (await knex('sqlite_master')
          .select('name')
          .where({ type: 'table' })
          .andWhere('name', 'like', 'personalization_%')) as Array<{ name: string }>
      )
        .map((row) => row.name)
        .filter((name) => name !== MIGRATIONS_TABLE);
    const created: Record<string, string[]> = {};
    try {
      for (const migration of MIGRATIONS) {
        const before = new Set(await tables());
        await runMigrations(knex, { migrations: [migration] });
        created[`${migration.version}-${migration.name}`] = (await tables())
          .filter((name) => !before.has(name))
          .sort();
      }
    } finally {
      await knex.destroy();
    }
    expect(created).toEqual({
      '1-tagging': ['personalization_tag_metadata', 'personalization_tagging_jobs'],
      '2-audience': [
        'personalization_clustering_runs',
        'personalization_consents',
        'personalization_events',
        'personalization_identities',
        'personalization_profiles',
        'personalization_segment_members',
      ],
      '3-experiments': [
        'personalization_bandit_reweights',
        'personalization_experiment_assignments',
        'personalization_experiment_exposures',
      ],
      '4-privacy': [
        'personalization_audit',
        'personalization_consent_history',
        'personalization_report_releases',
      ],
      '5-shadow': ['personalization_shadow_reports'],
      '6-recommendations': [
        'personalization_feedback_audit',
        'personalization_list_attribution',
        'personalization_recommendation_lists',
      ],
      '7-scheduled': ['personalization_scheduled_runs'],
    });
  });
});
