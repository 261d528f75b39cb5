import { startStrapi, type TestApp } from '../helpers/strapi';
import { createFullAccessToken, waitFor, waitForIdleQueue } from '../helpers/tagging';

interface Tag {
  label: string;
  type: string;
  confidence: number;
  source: string;
  sourceVersion: string;
  status: string;
}

const ARTICLE = 'api::article.article';

const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];

describe('auto-tagging on save (demo content)', () => {
  let app: TestApp;
  let token: string;
  const auth = () => ({ Authorization: `Bearer ${token}` });

  const tagsOf = async (documentId: string) => {
    const response = await app
      .http()
      .get(`/api/personalization/tags/${ARTICLE}/${documentId}`)
      .set(auth())
      .expect(200);
    return response.body.data as {
      state: string;
      tags: Tag[];
      contentHash: string;
      taggedAt: string;
      truncated: boolean;
    };
  };

  const taggedAfter = (documentId: string, previous: string | null) =>
    waitFor(async () => {
      const data = await tagsOf(documentId);
      return data.state === 'tagged' && data.taggedAt !== previous ? data : undefined;
    }, `tags of ${documentId}`);

  const createArticle = async (title: string, body: string) => {
    const response = await app
      .http()
      .post('/api/articles')
      .set(auth())
      .send({
        data: {
          title,
          slug: title.toLowerCase().replace(/\W+/g, '-'),
          category: 'business',
          summary: title,
          body: paragraph(body),
        },
      })
      .expect(201);
    return response.body.data.documentId as string;
  };

  beforeAll(async () => {
    app = await startStrapi();
    token = await createFullAccessToken(app.strapi);
    await waitForIdleQueue(app, token);
  });

  afterAll(async () => {
    await app.destroy();
  });

  it.each([
    ['GET', '/api/personalization/tagging/status'],
    ['GET', `/api/personalization/tags/${ARTICLE}/abc`],
    ['POST', `/api/personalization/tags/${ARTICLE}/abc/reject`],
    ['GET', `/api/personalization/related/${ARTICLE}/abc`],
    ['POST', `/api/personalization/tagging/rescan/${ARTICLE}`],
  ])('refuses %s %s without an API token and with a wrong one', async (method, url) => {
    const call = () => (method === 'GET' ? app.http().get(url) : app.http().post(url).send({}));
    expect((await call()).status).toBe(403);
    expect((await call().set('Authorization', 'Bearer not-a-token')).status).toBe(401);
  });

  it('tags every seeded entry on boot with typed entities and keywords with confidences', async () => {
    const list = await app
      .http()
      .get('/api/articles')
      .query({ 'filters[slug][$eq]': 'kestrel-semiconductor-dresden-chip-plant' })
      .expect(200);
    const documentId = list.body.data[0].documentId as string;
    const { state, tags } = await tagsOf(documentId);
    expect(state).toBe('tagged');
    const byType = (type: string) =>
      tags.filter((tag) => tag.type === type).map((tag) => tag.label);
    // At most three places (the policy's cap), the most confident first: Dresden is in one of them.
    expect(byType('LOC').some((label) => label.includes('Dresden'))).toBe(true);
    expect(byType('ORG')).toEqual(expect.arrayContaining(['Kestrel Semiconductor']));
    // Amounts are found (offline-measures) but not tags by default: editors rarely want them.
    expect(byType('MONEY')).toEqual([]);
    expect(byType('KEYWORD').length).toBeGreaterThan(0);
    expect(
      tags.filter((tag) => tag.type !== 'KEYWORD').every((tag) => tag.source === 'trained-ner')
    ).toBe(true);
    for (const tag of tags) {
      expect(tag.confidence).toBeGreaterThan(0);
      expect(tag.confidence).toBeLessThanOrEqual(1);
      expect(tag.status).toBe('suggested');
      expect(tag.sourceVersion.length).toBeGreaterThan(0);
    }
    const status = await waitForIdleQueue(app, token);
    expect(status.jobs.failed).toBe(0);
    expect(status.tagger.tagged).toBeGreaterThanOrEqual(24);
  });

  it('tags an article saved through REST within seconds and serves the tags to delivery', async () => {
    const documentId = await createArticle(
      'Harbour deal in Lisbon',
      'Maria Santos, chief executive of Atlantic Ferries Group, signed a EUR 40 million contract in Lisbon on 3 May. Santos said the ferries would run from June.'
    );
    const data = await taggedAfter(documentId, null);
    const labels = data.tags.map((tag) => `${tag.type}:${tag.label}`);
    expect(labels).toEqual(expect.arrayContaining(['PER:Maria Santos', 'LOC:Lisbon']));
    expect(labels).not.toContain('PER:Santos');
    expect(labels.some((label) => label.startsWith('MONEY:'))).toBe(false);
    expect(labels.some((label) => label.startsWith('DATE:'))).toBe(false);

    const forEntries = await app.strapi
      .plugin('personalization')
      .service('tags')
      .forEntries(ARTICLE, [documentId, 'unknown-document'], null);
    expect(Object.keys(forEntries)).toEqual([documentId]);
    expect(forEntries[documentId]).toEqual(data.tags);
  });

  it('keeps a rejected tag rejected and an added tag after the article is edited', async () => {
    const documentId = await createArticle(
      'Grant for Porto',
      'Joana Ribeiro announced a grant for the port of Porto on 9 April.'
    );
    const first = await taggedAfter(documentId, null);
    expect(first.tags.map((tag) => tag.label)).toContain('Joana Ribeiro');

    await app
      .http()
      .post(`/api/personalization/tags/${ARTICLE}/${documentId}/reject`)
      .set(auth())
      .send({ data: { label: 'joana ribeiro', type: 'PER' } })
      .expect(200);
    const added = await app
      .http()
      .post(`/api/personalization/tags/${ARTICLE}/${documentId}`)
      .set(auth())
      .send({ data: { label: 'Maritime policy', type: 'KEYWORD' } })
      .expect(201);
    expect(added.body.data.tags).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ label: 'Joana Ribeiro', status: 'rejected' }),
        expect.objectContaining({ label: 'Maritime policy', status: 'accepted', source: 'editor' }),
      ])
    );

    await app
      .http()
      .put(`/api/articles/${documentId}`)
      .set(auth())
      .send({
        data: {
          body: paragraph('Joana Ribeiro and Luis Moreno doubled the grant on 10 April.'),
        },
      })
      .expect(200);
    const second = await taggedAfter(documentId, first.taggedAt);
    expect(second.contentHash).not.toBe(first.contentHash);
    const find = (label: string) => second.tags.find((tag) => tag.label === label);
    expect(find('Luis Moreno')?.status).toBe('suggested');
    expect(find('Joana Ribeiro')?.status).toBe('rejected');
    expect(find('Maritime policy')?.status).toBe('accepted');
  });

  it('reads text through HTML and markdown noise, and cuts very long text at the limit (counted)', async () => {
    const before = (await waitForIdleQueue(app, token)).tagger.truncated as number;
    const noisy = await createArticle(
      'Noisy markup',
      '<div class="x"><p>Ingrid <b>Solberg</b> toured <a href="https://example.com">Bergen</a></p></div> **today** &amp; [more](http://x.y)'
    );
    const long = await createArticle(
      'Very long',
      `Karl Jensen visited Aarhus. ${'Filler words again. '.repeat(1500)}`
    );
    const noisyTags = await taggedAfter(noisy, null);
    const labels = noisyTags.tags.map((tag) => tag.label.toLowerCase());
    expect(labels).toEqual(expect.arrayContaining(['ingrid solberg', 'bergen']));
    for (const noise of ['div', 'class', 'href', 'https', 'amp']) {
      expect(labels).not.toContain(noise);
    }
    const longTags = await taggedAfter(long, null);
    expect(longTags.truncated).toBe(true);
    expect((await waitForIdleQueue(app, token)).tagger.truncated).toBe(before + 1);
  });

  it('does not tag again when only a non-text field changes', async () => {
    const documentId = await createArticle('Quiet update', 'Lena Berg opened a bakery in Oslo.');
    const first = await taggedAfter(documentId, null);
    const before = (await waitForIdleQueue(app, token)).tagger;
    await app
      .http()
      .put(`/api/articles/${documentId}`)
      .set(auth())
      .send({ data: { category: 'travel' } })
      .expect(200);
    const after = (
      await waitFor(async () => {
        const status = await waitForIdleQueue(app, token);
        return status.tagger.unchanged > before.unchanged ? status : undefined;
      }, 'the unchanged job')
    ).tagger;
    expect(after.tagged).toBe(before.tagged);
    expect((await tagsOf(documentId)).taggedAt).toBe(first.taggedAt);
  });

  it('returns sensible related articles: sports near sports, never the entry itself', async () => {
    const list = await app
      .http()
      .get('/api/articles')
      .query({ 'pagination[pageSize]': 100 })
      .expect(200);
    const articles = list.body.data as { documentId: string; category: string }[];
    const category = new Map(articles.map((article) => [article.documentId, article.category]));
    const sports = articles.filter((article) => article.category === 'sports');
    expect(sports.length).toBeGreaterThan(1);
    let sportsNeighbours = 0;
    for (const article of sports) {
      const response = await app
        .http()
        .get(`/api/personalization/related/${ARTICLE}/${article.documentId}`)
        .query({ limit: 3 })
        .set(auth())
        .expect(200);
      const related = response.body.data.related as { documentId: string; score: number }[];
      expect(related).toHaveLength(3);
      expect(related.map((entry) => entry.documentId)).not.toContain(article.documentId);
      expect([...related].sort((a, b) => b.score - a.score)).toEqual(related);
      if (category.get(related[0].documentId) === 'sports') {
        sportsNeighbours += 1;
      }
    }
    expect(sportsNeighbours / sports.length).toBeGreaterThanOrEqual(0.5);
  });

  it('never returns a variant as related content, even a copy of the entry', async () => {
    const [base] = (await app.strapi.documents('api::article.article').findMany({
      filters: { category: 'sports' },
      limit: 1,
    })) as unknown as { documentId: string; title: string; body: unknown }[];
    const copy = (await app.strapi.documents('api::article.article').create({
      data: {
        title: base.title,
        slug: 'sports-copy-variant',
        category: 'sports',
        body: base.body as never,
        variantKey: 'copy',
        variantOf: base.documentId,
      },
      status: 'published',
    })) as unknown as { documentId: string };
    await waitForIdleQueue(app, token);

    const response = await app
      .http()
      .get(`/api/personalization/related/${ARTICLE}/${base.documentId}`)
      .query({ limit: 10 })
      .set(auth())
      .expect(200);
    const related = response.body.data.related as { documentId: string }[];
    expect(related.length).toBeGreaterThan(0);
    expect(related.map((entry) => entry.documentId)).not.toContain(copy.documentId);
  });

  it('lists published entries only as related content, never a draft-only entry', async () => {
    const [base] = (await app.strapi.documents('api::article.article').findMany({
      filters: { category: 'sports' },
      status: 'published',
      limit: 1,
    })) as unknown as { documentId: string; title: string; body: unknown }[];
    // The same text as the base, so it would be the nearest neighbour were drafts listed.
    const draft = (await app.strapi.documents('api::article.article').create({
      data: {
        title: base.title,
        slug: 'sports-copy-draft-only',
        category: 'sports',
        body: base.body as never,
      },
    })) as unknown as { documentId: string };
    // The draft's tagging job may not be queued yet when the queue first looks idle: wait for its tags.
    const draftTags = await waitFor(async () => {
      const state = await tagsOf(draft.documentId);
      return state.tags.length > 0 ? state : undefined;
    }, 'the draft-only entry to be tagged');
    expect(draftTags.tags.length).toBeGreaterThan(0);

    const response = await app
      .http()
      .get(`/api/personalization/related/${ARTICLE}/${base.documentId}`)
      .query({ limit: 50 })
      .set(auth())
      .expect(200);
    const related = response.body.data.related as { documentId: string }[];
    expect(related.length).toBeGreaterThan(0);
    expect(related.map((entry) => entry.documentId)).not.toContain(draft.documentId);
  });

  it('answers 404 to a re-tag of an entry that does not exist, queueing nothing', async () => {
    const before = (await waitForIdleQueue(app, token)).jobs;
    const response = await app
      .http()
      .post(`/api/personalization/tagging/rescan/${ARTICLE}/doesnotexist123`)
      .set(auth());
    expect(response.status).toBe(404);
    expect(response.body.error.message).toMatch(/doesnotexist123/);
    expect((await waitForIdleQueue(app, token)).jobs).toEqual(before);
  });

  it.each([
    ['an unknown key', { data: { label: 'x', type: 'LOC', colour: 'red' } }, /colour/],
    ['an unknown type', { data: { label: 'x', type: 'PLANET' } }, /data\.type/],
    ['an empty label', { data: { label: '  ', type: 'LOC' } }, /data\.label/],
    ['no data wrapper', { label: 'x', type: 'LOC' }, /label/],
    ['a label of 81 characters', { data: { label: 'a'.repeat(81), type: 'LOC' } }, /80/],
  ])(
    'rejects a tag payload with %s with a 400 naming it and stores nothing',
    async (_label, body, message) => {
      const documentId = await createArticle(`Payload ${_label}`, 'Nothing much.');
      const response = await app
        .http()
        .post(`/api/personalization/tags/${ARTICLE}/${documentId}`)
        .set(auth())
        .send(body);
      expect(response.status).toBe(400);
      expect(response.body.error.name).toBe('ValidationError');
      expect(response.body.error.message).toMatch(message);
      const data = await tagsOf(documentId);
      expect(data.tags.filter((tag) => tag.source === 'editor')).toEqual([]);
    }
  );

  it.each([
    ['an unknown documentId', `/api/personalization/tags/${ARTICLE}/doesnotexist123`, 404],
    ['a type that does not opt in', '/api/personalization/tags/api::unknown.unknown/abc', 404],
    ['a malformed uid', '/api/personalization/tags/article/abc', 400],
    [
      'related of an unknown documentId',
      `/api/personalization/related/${ARTICLE}/doesnotexist123`,
      404,
    ],
    ['related with limit=0', `/api/personalization/related/${ARTICLE}/abc?limit=0`, 400],
    ['an unknown job', '/api/personalization/tagging/jobs/999999', 404],
  ])('answers %s with %i', async (_label, url, status) => {
    const response = await app.http().get(url).set(auth());
    expect(response.status).toBe(status);
    expect(response.body.error.message.length).toBeGreaterThan(0);
  });

  it('answers 404 when accepting a tag the entry does not have', async () => {
    const documentId = await createArticle('No such tag', 'Plain words only.');
    const response = await app
      .http()
      .post(`/api/personalization/tags/${ARTICLE}/${documentId}/accept`)
      .set(auth())
      .send({ data: { label: 'Atlantis', type: 'LOC' } });
    expect(response.status).toBe(404);
    expect(response.body.error.message).toMatch(/Atlantis/);
  });

  it('rescans a whole type as a job with visible progress', async () => {
    const started = await app
      .http()
      .post(`/api/personalization/tagging/rescan/${ARTICLE}`)
      .set(auth())
      .send({})
      .expect(202);
    const id = started.body.data.id as number;
    const job = await waitFor(async () => {
      const response = await app
        .http()
        .get(`/api/personalization/tagging/jobs/${id}`)
        .set(auth())
        .expect(200);
      return response.body.data.status === 'done' ? response.body.data : undefined;
    }, 'the rescan job');
    const total = await app.strapi.documents(ARTICLE).count({});
    expect(job.progress).toEqual({ done: total, total });
  });

  it('reports queue status with job counts, models and counters', async () => {
    const status = await waitForIdleQueue(app, token);
    expect(status.jobs.done).toBeGreaterThan(0);
    expect(status.models.embedding).toEqual(
      expect.objectContaining({ model: 'glove-static-100d-q8', state: 'ready' })
    );
    expect(status.config.concurrency).toBeGreaterThan(0);
  });
});
