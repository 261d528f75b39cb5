import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startStrapi, type TestApp } from '../helpers/strapi';
import { createFullAccessToken, waitFor, waitForIdleQueue } from '../helpers/tagging';

const FIXTURE = path.join(ROOT, 'tests/fixtures/models/tiny-ner-test-fixture');
const ARTICLE = 'api::article.article';

describe('tagging with a configured NER model that is missing, then fixed', () => {
  let app: TestApp;
  let token: string;
  let modelsDir: string;
  const warnings: string[] = [];
  const auth = () => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    modelsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pz-models-'));
    app = await startStrapi({
      // The fallback is noticed at boot: read the logger's warnings from its first line.
      beforeLoad: (strapi) => {
        const warn = strapi.log.warn.bind(strapi.log);
        jest.spyOn(strapi.log, 'warn').mockImplementation(((message: unknown, ...rest: []) => {
          warnings.push(String(message));
          return warn(message as string, ...rest);
        }) as typeof strapi.log.warn);
      },
      env: {
        SEED_DEMO_CONTENT: 'false',
        // Tests log errors only; this one reads the fallback warning.
        STRAPI_LOG_LEVEL: 'warn',
        PERSONALIZATION_MODELS_DIR: modelsDir,
        PERSONALIZATION_NER_MODEL: 'tiny-ner-test-fixture',
        PERSONALIZATION_EMBEDDING_MODEL: 'none',
        PERSONALIZATION_TAGGING_MAX_ATTEMPTS: '2',
        PERSONALIZATION_TAGGING_BACKOFF_MS: '50',
        PERSONALIZATION_TAGGING_POLL_MS: '50',
      },
    });
    token = await createFullAccessToken(app.strapi);
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await app.destroy();
    fs.rmSync(modelsDir, { recursive: true, force: true });
  });

  const status = async () =>
    (await app.http().get('/api/personalization/tagging/status').set(auth()).expect(200)).body.data;

  const tagsOf = async (documentId: string) =>
    (
      await app
        .http()
        .get(`/api/personalization/tags/${ARTICLE}/${documentId}`)
        .set(auth())
        .expect(200)
    ).body.data as {
      state: string;
      tags: { label: string; type: string; source: string }[];
      models: Record<string, string>;
      embedding: number[] | null;
    };

  it('falls back to the offline rules with a warning naming the path; saves are tagged all the same; fixing the model heals it', async () => {
    const created = await app
      .http()
      .post('/api/articles')
      .set(auth())
      .send({
        data: {
          title: 'Ada Lovelace in Dresden',
          slug: 'ada-lovelace-in-dresden',
          category: 'science',
          summary: 'Ada Lovelace visited Kestrel Semiconductor in Dresden.',
        },
      })
      .expect(201);
    const documentId = created.body.data.documentId as string;
    await app.http().get(`/api/articles/${documentId}`).set(auth()).expect(200);
    await waitForIdleQueue(app, token);

    const fallback = await tagsOf(documentId);
    expect(fallback.state).not.toBe('pending');
    expect(fallback.tags.some((tag) => tag.source === 'offline-ner')).toBe(true);
    expect(fallback.models['offline-ner']).toBeDefined();
    const { models, jobs } = await status();
    expect(models.ner.state).toBe('fallback');
    expect(models.ner.error).toContain(path.join(modelsDir, 'tiny-ner-test-fixture'));
    expect(jobs.failed).toBe(0);
    expect(warnings.some((line) => /offline rules/.test(line) && line.includes(modelsDir))).toBe(
      true
    );

    fs.cpSync(FIXTURE, path.join(modelsDir, 'tiny-ner-test-fixture'), { recursive: true });
    await app
      .http()
      .post(`/api/personalization/tagging/rescan/${ARTICLE}/${documentId}`)
      .set(auth())
      .send({})
      .expect(202);
    await waitForIdleQueue(app, token);
    const after = await waitFor(async () => {
      const data = await tagsOf(documentId);
      return data.models['transformers-ner'] ? data : undefined;
    }, 'tags by the fixed model');
    const entities = after.tags
      .filter((tag) => tag.source === 'transformers-ner')
      .map((tag) => `${tag.type}:${tag.label}`);
    expect(entities).toEqual(
      expect.arrayContaining(['PER:Ada Lovelace', 'ORG:Kestrel Semiconductor', 'LOC:Dresden'])
    );
    expect(after.models['transformers-ner']).toContain('tiny-ner-test-fixture@1.0.0');
    expect(after.embedding).toBeNull();
    expect((await status()).models.ner.state).toBe('ready');
  });
});
