import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startStrapi, type TestApp } from '../helpers/strapi';
import { createFullAccessToken, waitFor, waitForIdleQueue } from '../helpers/tagging';

const FIXTURE = path.join(ROOT, 'tests/fixtures/models/tiny-ner-test-fixture');
const ARTICLE = 'api::article.article';

describe('tagging with a configured transformers.js NER model that is missing, then fixed', () => {
  let app: TestApp;
  let token: string;
  let modelsDir: string;
  const auth = () => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    modelsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pz-models-'));
    app = await startStrapi({
      env: {
        SEED_DEMO_CONTENT: 'false',
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
    await app.destroy();
    fs.rmSync(modelsDir, { recursive: true, force: true });
  });

  const status = async () =>
    (await app.http().get('/api/personalization/tagging/status').set(auth()).expect(200)).body.data;

  it('reports at boot that the model cannot load, naming the path', async () => {
    const { models } = await status();
    expect(models.ner.state).toBe('error');
    expect(models.ner.error).toContain(path.join(modelsDir, 'tiny-ner-test-fixture'));
    expect(models.loadErrors).toBeGreaterThanOrEqual(1);
  });

  it('still saves and serves the article; the job fails visibly after its retries; fixing the model heals it', async () => {
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

    const failed = await waitFor(async () => {
      const report = await status();
      return report.jobs.failed > 0 ? report.recentFailures[0] : undefined;
    }, 'the failed job');
    expect(failed).toEqual(
      expect.objectContaining({
        kind: 'entry',
        documentId,
        status: 'failed',
        attempts: 2,
        maxAttempts: 2,
      })
    );
    expect(failed.lastError).toContain(path.join(modelsDir, 'tiny-ner-test-fixture'));

    const before = await app
      .http()
      .get(`/api/personalization/tags/${ARTICLE}/${documentId}`)
      .set(auth())
      .expect(200);
    expect(before.body.data.state).toBe('pending');

    fs.cpSync(FIXTURE, path.join(modelsDir, 'tiny-ner-test-fixture'), { recursive: true });
    await app
      .http()
      .post(`/api/personalization/tagging/rescan/${ARTICLE}`)
      .set(auth())
      .send({})
      .expect(202);
    await waitForIdleQueue(app, token);

    const after = await app
      .http()
      .get(`/api/personalization/tags/${ARTICLE}/${documentId}`)
      .set(auth())
      .expect(200);
    const entities = (
      after.body.data.tags as {
        label: string;
        type: string;
        source: string;
        sourceVersion: string;
      }[]
    )
      .filter((tag) => tag.source === 'transformers-ner')
      .map((tag) => `${tag.type}:${tag.label}`);
    expect(entities).toEqual(
      expect.arrayContaining(['PER:Ada Lovelace', 'ORG:Kestrel Semiconductor', 'LOC:Dresden'])
    );
    expect(after.body.data.models['transformers-ner']).toContain('tiny-ner-test-fixture@1.0.0');
    expect(after.body.data.embedding).toBeNull();
    expect((await status()).models.ner.state).toBe('ready');
  });
});
