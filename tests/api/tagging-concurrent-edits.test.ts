import type { TaggingStoreService } from '../../src/plugins/personalization/server/src/services/tagging/store';
import type { TagsService } from '../../src/plugins/personalization/server/src/services/tagging/tags';
import { startStrapi, type TestApp } from '../helpers/strapi';

const ARTICLE = 'api::article.article';

/**
 * A tagging job reads an entry's row, spends seconds in the models and then writes; an editor may
 * add or reject a tag meanwhile. Neither write may undo the other (on PostgreSQL this lost an
 * editor's tag that the demo's segments depended on).
 */
describe('tagging and editor decisions written at the same time', () => {
  let app: TestApp;
  let store: TaggingStoreService;
  let tags: TagsService;
  let documentId: string;

  const extraction = (label: string) => ({
    uid: ARTICLE,
    documentId,
    locale: null,
    extracted: [
      { label, type: 'KEYWORD' as const, confidence: 0.9, source: 'test', sourceVersion: '1' },
    ],
    embedding: null,
    terms: [label],
    contentHash: `hash-${label}`,
    models: { test: '1' },
    truncated: false,
    taggedAt: Date.now(),
  });

  beforeAll(async () => {
    app = await startStrapi({ env: { SEED_DEMO_CONTENT: 'false' } });
    // The test plays the job itself: the worker would tag the entry with the real models.
    await app.strapi.plugin('personalization').service('taggingWorker').stop();
    store = app.strapi.plugin('personalization').service('taggingStore') as TaggingStoreService;
    tags = app.strapi.plugin('personalization').service('tags') as TagsService;
    const created = (await app.strapi.documents(ARTICLE).create({
      data: { title: 'Concurrent edits', slug: 'concurrent-edits', category: 'sports' },
    } as never)) as { documentId: string };
    documentId = created.documentId;
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it("keeps an editor's tag added while a job ran, and the job's tags under an editor's stale write", async () => {
    await store.saveExtraction(extraction('first'));
    // The job has read the row (no editor tag yet) and is busy in the models...
    const jobRead = await store.get(ARTICLE, documentId, null);
    expect(jobRead?.decisions).toEqual({});
    // ...when an editor adds a tag.
    await tags.add(ARTICLE, documentId, null, { label: 'Editors pick', type: 'KEYWORD' });
    // The job writes what it found.
    await store.saveExtraction(extraction('second'));

    const after = await tags.show(ARTICLE, documentId, null);
    const labels = after.tags.map((tag) => tag.label).sort();
    expect(labels).toEqual(['Editors pick', 'second']);

    // An editor's decision based on a read from before the job's write keeps the job's tags.
    await tags.decide(
      ARTICLE,
      documentId,
      null,
      { label: 'Editors pick', type: 'KEYWORD' },
      'rejected'
    );
    const row = await store.get(ARTICLE, documentId, null);
    expect(row?.extracted.map((tag) => tag.label)).toEqual(['second']);
    expect(row?.contentHash).toBe('hash-second');
  });

  it('stores a decision on an entry never tagged without inventing a tagging run', async () => {
    const created = (await app.strapi.documents(ARTICLE).create({
      data: { title: 'Never tagged', slug: 'never-tagged', category: 'travel' },
    } as never)) as { documentId: string };
    await tags.add(ARTICLE, created.documentId, null, { label: 'Hand made', type: 'KEYWORD' });
    const row = await store.get(ARTICLE, created.documentId, null);
    expect(row?.extracted).toEqual([]);
    expect(row?.taggedAt).toBeNull();
    expect(row?.contentHash).toBeNull();
    expect(Object.keys(row?.decisions ?? {})).toHaveLength(1);
  });
});
