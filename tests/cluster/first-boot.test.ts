import {
  createClusterDatabase,
  createInstance,
  freePort,
  type ClusterInstance,
} from '../helpers/cluster';
import type { TestDatabase } from '../helpers/database';

jest.setTimeout(300_000);

interface ArticleList {
  data: Array<{ title: string }>;
  meta: { pagination: { total: number } };
}

/**
 * A deployment's first start: two instances launched at the same moment on an empty PostgreSQL
 * database. They take turns through the boot (the plugin's boot lock), so one creates Strapi's
 * tables, the plugin's tables and the demo content, and the other finds them made.
 */
describe('two instances booting at once on an empty database', () => {
  let database: TestDatabase;
  let instances: ClusterInstance[] = [];

  beforeAll(async () => {
    database = await createClusterDatabase();
    const env = {
      ...database.env,
      CRON_ENABLED: 'false',
      SEED_DEMO_RULES: 'true',
      PERSONALIZATION_TAGGING_ENABLED: 'false',
      STRAPI_LOG_LEVEL: 'info',
    };
    instances = [
      createInstance({ name: 'first-a', port: await freePort(), env, bootTimeoutMs: 240_000 }),
      createInstance({ name: 'first-b', port: await freePort(), env, bootTimeoutMs: 240_000 }),
    ];
  });

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await database?.drop();
  });

  it('both come up, and the demo content, rules and segment exist once', async () => {
    await Promise.all(instances.map((instance) => instance.start()));

    const seeded = instances.flatMap(
      (instance) => instance.logs().match(/Seeded \d+ demo articles/g) ?? []
    );
    expect(seeded).toHaveLength(1);
    const seededRules = instances.flatMap(
      (instance) => instance.logs().match(/Seeded the demo segment/g) ?? []
    );
    expect(seededRules).toHaveLength(1);

    const lists = await Promise.all(
      instances.map(
        async (instance) =>
          (await instance.http().get('/api/articles?pagination[pageSize]=100').expect(200))
            .body as ArticleList
      )
    );
    const titles = lists[0].data.map((article) => article.title);
    expect(titles.length).toBeGreaterThanOrEqual(20);
    expect(new Set(titles).size).toBe(titles.length);
    expect(lists[1].meta.pagination.total).toBe(lists[0].meta.pagination.total);
    // The second boot waited for the first one's instead of racing it.
    const waited = instances.flatMap(
      (instance) => instance.logs().match(/waited \d+ ms for another instance's boot/g) ?? []
    );
    expect(waited).toHaveLength(1);
    for (const instance of instances) {
      expect(instance.logs()).not.toMatch(/already exists|duplicate key/i);
    }
  });
});
