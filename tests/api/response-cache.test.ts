import type { Core } from '@strapi/strapi';
import { getService } from '../../src/plugins/personalization/server/src/utils/get-service';
import { createFullAccessToken } from '../helpers/api-token';
import { createFixtureApp, type FixtureApp } from '../helpers/fixture-app';
import { rollOutArticleRule } from '../helpers/rules';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { createArticleVariant } from '../helpers/variants';

const ARTICLE = 'api::article.article';
const PROMOTION = 'api::promotion.promotion';
/** Tagging would change entries' tags between the two halves of the byte-equality test. */
const QUIET = { PERSONALIZATION_TAGGING_ENABLED: 'false' };

type Row = { documentId: string; title: string; promotion?: { title: string } | null };
type ListBody = { data: Row[]; meta: { pagination: { total: number } } };

/**
 * The response cache serves the base query's answer of opted-in types; every write moves the
 * content revision of its type, so the next read after a write returns never sees the old answer.
 * The fixture app gives articles a relation to promotions (a tracked type) and a media field
 * (untracked: media is written without the document service).
 */
describe('response cache', () => {
  let fixture: FixtureApp;
  let app: TestApp;
  let strapi: Core.Strapi;
  let token: string;

  const documents = (uid: string) => strapi.documents(uid as 'api::article.article');
  const stats = () => getService(strapi, 'responseCache').stats();
  /** The REST layer in front of the controllers: a hit there never reaches the document service. */
  const restStats = () => getService(strapi, 'restResponseCache').stats();
  const pro = { 'X-Visitor-Id': 'rc-pro', 'X-Visitor-Traits': JSON.stringify({ plan: 'pro' }) };

  const list = async (query: Record<string, unknown> = {}, headers = pro): Promise<ListBody> =>
    (
      await app
        .http()
        .get('/api/articles')
        .query({ 'pagination[pageSize]': 100, sort: 'title:asc', ...query })
        .set(headers)
        .expect(200)
    ).body as ListBody;

  /** Reads twice so the answer is cached, and checks the second read was a hit. */
  const warm = async (query: Record<string, unknown> = {}): Promise<ListBody> => {
    await list(query);
    const hits = restStats().hits;
    const body = await list(query);
    expect(restStats().hits).toBe(hits + 1);
    return body;
  };

  const titles = (body: ListBody) => body.data.map((row) => row.title);

  const createArticle = (title: string, extra: Record<string, unknown> = {}) =>
    documents(ARTICLE).create({
      data: {
        title,
        slug: title.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
        category: 'technology',
        ...extra,
      },
      status: 'published',
    } as never) as Promise<unknown> as Promise<Row>;

  beforeAll(async () => {
    fixture = createFixtureApp();
    fixture.editJson('dist/src/api/article/content-types/article/schema.json', (schema) => {
      const attributes = schema.attributes as Record<string, unknown>;
      attributes.promotion = { type: 'relation', relation: 'manyToOne', target: PROMOTION };
      attributes.cover = { type: 'media', multiple: false, allowedTypes: ['images'] };
    });
    app = await startStrapi({ appDir: fixture.appDir, env: QUIET });
    strapi = app.strapi;
    token = await createFullAccessToken(strapi);
    await createArticleVariant(strapi, 'premium');
    await rollOutArticleRule(app, token, {
      name: 'plan-premium',
      template: 'by-plan',
      body: "{% if visitor.traits.plan == 'pro' %}{% variant 'premium' %}{% endif %}",
    });
  });

  afterAll(async () => {
    await app?.destroy();
    fixture?.remove();
  });

  it('answers a repeated list from the cache, with the same body', async () => {
    const first = await list({ 'filters[title][$notNull]': true });
    const hits = restStats().hits;
    const documentHits = stats().hits;
    const second = await list({ 'filters[title][$notNull]': true });
    expect(restStats().hits).toBe(hits + 1);
    // The REST answer was whole: no document-service read behind it.
    expect(stats().hits).toBe(documentHits);
    expect(second).toEqual(first);
  });

  it('keeps one REST answer per role or API token: the output sanitizer depends on it', async () => {
    const query = { 'pagination[pageSize]': 7, sort: 'title:asc' };
    const kept = restStats().size;
    const publicBody = (await app.http().get('/api/articles').query(query).set(pro).expect(200))
      .body as ListBody;
    const tokenBody = (
      await app
        .http()
        .get('/api/articles')
        .query(query)
        .set({ ...pro, Authorization: `Bearer ${token}` })
        .expect(200)
    ).body as ListBody;
    expect(restStats().size).toBe(kept + 2);
    expect(tokenBody.data.map((row) => row.documentId)).toEqual(
      publicBody.data.map((row) => row.documentId)
    );
  });

  it('never serves the old list after create, update, publish, unpublish, discardDraft and delete', async () => {
    await warm();
    const created = await createArticle('Aaa cache create');
    expect(titles(await list())).toContain('Aaa cache create');

    await warm();
    await documents(ARTICLE).update({
      documentId: created.documentId,
      data: { title: 'Aaa cache updated' },
      status: 'published',
    } as never);
    expect(titles(await list())).toContain('Aaa cache updated');

    // A draft edit, then discarding it: the published list must not move, the draft list must.
    await documents(ARTICLE).update({
      documentId: created.documentId,
      data: { title: 'Aaa cache draft only' },
    } as never);
    const drafts = await warm({ status: 'draft' });
    expect(titles(drafts)).toContain('Aaa cache draft only');
    await documents(ARTICLE).discardDraft({ documentId: created.documentId } as never);
    expect(titles(await list({ status: 'draft' }))).not.toContain('Aaa cache draft only');
    expect(titles(await list({ status: 'draft' }))).toContain('Aaa cache updated');

    await warm();
    await documents(ARTICLE).unpublish({ documentId: created.documentId } as never);
    expect(titles(await list())).not.toContain('Aaa cache updated');

    await warm();
    await documents(ARTICLE).publish({ documentId: created.documentId } as never);
    expect(titles(await list())).toContain('Aaa cache updated');

    const before = await warm();
    await documents(ARTICLE).delete({ documentId: created.documentId } as never);
    const after = await list();
    expect(titles(after)).not.toContain('Aaa cache updated');
    expect(after.meta.pagination.total).toBe(before.meta.pagination.total - 1);
  });

  it('never serves a deleted entry after it is deleted and recreated with the same title', async () => {
    const first = await createArticle('Aaa recreated');
    const one = () => app.http().get(`/api/articles/${first.documentId}`).set(pro);
    await one().expect(200);
    await one().expect(200);
    await warm();
    await documents(ARTICLE).delete({ documentId: first.documentId } as never);
    await one().expect(404);
    const second = await createArticle('Aaa recreated');
    const rows = (await list()).data.filter((row) => row.title === 'Aaa recreated');
    expect(rows.map((row) => row.documentId)).toEqual([second.documentId]);
    await one().expect(404);
  });

  it("serves a variant deleted and recreated under the same key with the new variant's content", async () => {
    const base = await createArticle('Aaa variant base');
    const variantOf = (title: string) =>
      documents(ARTICLE).create({
        data: {
          title,
          slug: `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${Date.now()}`,
          category: 'technology',
          variantKey: 'premium',
          variantOf: base.documentId,
        },
        status: 'published',
      } as never) as Promise<unknown> as Promise<Row>;
    const servedTitle = async () =>
      (await list()).data.find((row) => row.documentId === base.documentId)?.title;

    const first = await variantOf('Aaa premium first');
    await warm();
    expect(await servedTitle()).toBe('Aaa premium first');

    await documents(ARTICLE).delete({ documentId: first.documentId } as never);
    expect(await servedTitle()).toBe('Aaa variant base');

    await variantOf('Aaa premium second');
    await warm();
    expect(await servedTitle()).toBe('Aaa premium second');
  });

  it('never serves an old findOne after an update through the REST API', async () => {
    const entry = await createArticle('Aaa rest update');
    const one = () => app.http().get(`/api/articles/${entry.documentId}`).set(pro).expect(200);
    await one();
    await one();
    await app
      .http()
      .put(`/api/articles/${entry.documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: 'Aaa rest updated' } })
      .expect(200);
    expect((await one()).body.data.title).toBe('Aaa rest updated');
  });

  it('follows relation changes and writes to the related type when the query populates it', async () => {
    const promotion = (await documents(PROMOTION).create({
      data: { title: 'Spring sale', body: 'x', ctaLabel: 'Go', ctaUrl: 'https://example.com' },
      status: 'published',
    } as never)) as unknown as Row;
    const article = await createArticle('Aaa related');
    const populated = { populate: 'promotion' };
    const relatedOf = (body: ListBody) =>
      body.data.find((row) => row.documentId === article.documentId)?.promotion ?? null;

    expect(relatedOf(await warm(populated))).toBeNull();
    // The relation changes from the article's side.
    await documents(ARTICLE).update({
      documentId: article.documentId,
      data: { promotion: promotion.documentId },
      status: 'published',
    } as never);
    expect(relatedOf(await list(populated))?.title).toBe('Spring sale');

    // The related entry changes: only the promotion's revision moves.
    await warm(populated);
    await documents(PROMOTION).update({
      documentId: promotion.documentId,
      data: { title: 'Summer sale' },
      status: 'published',
    } as never);
    expect(relatedOf(await list(populated))?.title).toBe('Summer sale');

    // The related entry goes away.
    await warm(populated);
    await documents(PROMOTION).delete({ documentId: promotion.documentId } as never);
    expect(relatedOf(await list(populated))).toBeNull();

    // The same through a relation filter, with no populate.
    const filtered = { 'filters[promotion][title][$eq]': 'Autumn sale' };
    expect(titles(await warm(filtered))).toEqual([]);
    const autumn = (await documents(PROMOTION).create({
      data: { title: 'Autumn sale', body: 'x', ctaLabel: 'Go', ctaUrl: 'https://example.com' },
      status: 'published',
    } as never)) as unknown as Row;
    await documents(ARTICLE).update({
      documentId: article.documentId,
      data: { promotion: autumn.documentId },
      status: 'published',
    } as never);
    expect(titles(await list(filtered))).toEqual(['Aaa related']);
  });

  it('does not cache queries that populate media (written without the document service)', async () => {
    const bypassed = stats().bypassed;
    const kept = restStats().size;
    await list({ populate: 'cover' });
    await list({ populate: '*' });
    // Each list is a findMany and a count.
    expect(stats().bypassed).toBe(bypassed + 4);
    expect(restStats().size).toBe(kept);
  });

  it('gives byte-equal answers with the cache on and off, for several callers', async () => {
    const callers: Array<Record<string, string>> = [
      {},
      pro,
      { 'X-Visitor-Id': 'rc-free', 'X-Visitor-Traits': JSON.stringify({ plan: 'free' }) },
      { 'X-Visitor-Id': 'rc-none' },
    ];
    const [article] = (await list()).data;
    const paths = [
      '/api/articles?pagination[pageSize]=100&sort=title:asc',
      '/api/articles?pagination[page]=2&pagination[pageSize]=3',
      `/api/articles/${article.documentId}`,
      '/api/articles?populate=promotion&fields[0]=title',
      '/api/promotions',
    ];
    const answers = async () => {
      const bodies: string[] = [];
      for (const headers of callers) {
        for (const path of paths) {
          // Twice: the second read is the cached one when the cache is on.
          await app.http().get(path).set(headers).expect(200);
          const response = await app.http().get(path).set(headers).expect(200);
          bodies.push(response.text);
        }
      }
      return bodies;
    };
    const withCache = await answers();
    expect(restStats().hits).toBeGreaterThan(0);

    await app.stop();
    app = await startStrapi({
      appDir: fixture.appDir,
      database: app.database,
      env: { ...QUIET, PERSONALIZATION_RESPONSE_CACHE_ENABLED: 'false' },
    });
    strapi = app.strapi;
    const withoutCache = await answers();
    expect(stats()).toMatchObject({ enabled: false, hits: 0, misses: 0 });
    expect(restStats()).toMatchObject({ enabled: false, hits: 0, misses: 0 });
    expect(withoutCache).toEqual(withCache);
  });
});
