import { startStrapi, type TestApp } from '../helpers/strapi';
import { createFullAccessToken, waitFor } from '../helpers/tagging';

const ARTICLE = 'api::article.article';
const JOBS_TABLE = 'personalization_tagging_jobs';

describe('the tagging queue is durable', () => {
  let first: TestApp | null = null;
  let second: TestApp | null = null;

  afterAll(async () => {
    await second?.destroy();
    if (!second) {
      await first?.destroy();
    }
  });

  it('keeps jobs in the database across a restart and runs them on the next boot', async () => {
    first = await startStrapi({ env: { SEED_DEMO_CONTENT: 'false' } });
    // Stop the worker so the jobs stay queued, as if the process died before it got to them.
    await first.strapi.plugin('personalization').service('taggingWorker').stop();
    const waiting = await first.strapi.documents(ARTICLE).create({
      data: {
        title: 'Waiting in Madrid',
        slug: 'waiting',
        category: 'travel',
        summary: 'Carmen Ruiz flew to Madrid.',
      },
    });
    const interrupted = await first.strapi.documents(ARTICLE).create({
      data: {
        title: 'Cut short in Vienna',
        slug: 'cut-short',
        category: 'travel',
        summary: 'Felix Huber returned to Vienna.',
      },
    });
    const jobs = () => first!.strapi.db.connection(JOBS_TABLE).select('document_id', 'status');
    await waitFor(async () => ((await jobs()).length === 2 ? true : undefined), 'two queued jobs');
    // A job a crashed worker had claimed stays "running" in the table.
    await first.strapi.db
      .connection(JOBS_TABLE)
      .where({ document_id: interrupted.documentId })
      .update({ status: 'running', attempts: 1 });
    await first.stop();

    second = await startStrapi({ env: { SEED_DEMO_CONTENT: 'false' }, database: first.database });
    const token = await createFullAccessToken(second.strapi);
    for (const documentId of [waiting.documentId, interrupted.documentId]) {
      const tags = await waitFor(async () => {
        const response = await second!
          .http()
          .get(`/api/personalization/tags/${ARTICLE}/${documentId}`)
          .set('Authorization', `Bearer ${token}`)
          .expect(200);
        return response.body.data.state === 'tagged' ? response.body.data.tags : undefined;
      }, `tags of ${documentId} after the restart`);
      expect(tags.some((tag: { type: string }) => tag.type === 'LOC')).toBe(true);
    }
    const statuses = await second.strapi.db.connection(JOBS_TABLE).select('status');
    expect(statuses.map((row: { status: string }) => row.status)).toEqual(['done', 'done']);
  });
});
