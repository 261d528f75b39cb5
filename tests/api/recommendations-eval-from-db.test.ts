import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { articlesOf, audienceCalls } from '../helpers/audience';
import { ROOT, startStrapi, type TestApp } from '../helpers/strapi';

const run = promisify(execFile);
const TOPICS = ['sports', 'travel', 'technology', 'science'];
const READERS_PER_TOPIC = 3;
const READS = 3;

/**
 * `npm run eval:recommendations -- --from-db` end to end: readers post view and click events
 * through the events API, the app stops, and the command boots the app on that database (as its
 * config names it) and evaluates the logged events.
 */
describe('eval:recommendations --from-db', () => {
  let app: TestApp;
  let stopped = false;

  afterAll(async () => {
    if (stopped) await app?.database.drop();
    else await app?.destroy();
  });

  it('evaluates the events the plugin logged in the app database', async () => {
    app = await startStrapi({ env: { PERSONALIZATION_TAGGING_ENABLED: 'false' } });
    let posted = 0;
    const callers = new Set<string>();
    for (const topic of TOPICS) {
      const articles = (await articlesOf(app.strapi, topic)).slice(0, READS);
      expect(articles.length).toBeGreaterThanOrEqual(2);
      for (let reader = 0; reader < READERS_PER_TOPIC; reader += 1) {
        const visitorId = `eval-${topic}-${reader}`;
        const calls = audienceCalls(app, { visitorId });
        await calls.consent({ analytics: true }).expect(200);
        const events = articles.map((documentId, position) => ({
          id: `${visitorId}-${position}`,
          type: position % 2 === 0 ? 'view' : 'click',
          entry: { uid: 'api::article.article', documentId },
          // In reading order, a minute apart: the last read of each caller is held out.
          timestamp: new Date(Date.now() - (articles.length - position) * 60_000).toISOString(),
          sessionId: `s-${visitorId}`,
        }));
        await calls.events(events).expect(202);
        posted += events.length;
        callers.add(visitorId);
      }
    }
    await app.stop();
    stopped = true;

    const { stdout } = await run(
      path.join(ROOT, 'node_modules', '.bin', 'tsx'),
      ['scripts/eval-recommendations.ts', '--from-db', '--k', '5'],
      {
        cwd: ROOT,
        env: { ...process.env, ...app.database.env, NODE_OPTIONS: '' },
        timeout: 240_000,
      }
    );
    expect(stdout).toContain(
      `api::article.article: ${posted} logged engagement events of ${callers.size} callers`
    );
    // Every caller has two reads or more: each is evaluated on their held-out last read.
    const summary = stdout.match(
      /(\d+) users evaluated, \d+ items, (\d+) training \/ (\d+) held-out interactions/
    );
    expect(summary).not.toBeNull();
    expect(Number(summary?.[1])).toBe(callers.size);
    expect(Number(summary?.[2]) + Number(summary?.[3])).toBe(posted);
    for (const method of ['ranker', 'most-popular', 'random']) {
      const row = stdout.split('\n').find((line) => line.trim().startsWith(method));
      expect(row).toBeDefined();
      const [precision, recall] = (row as string).trim().split(/\s+/).slice(1, 3).map(Number);
      expect(precision).toBeGreaterThanOrEqual(0);
      expect(recall).toBeLessThanOrEqual(1);
    }
  }, 400_000);
});
