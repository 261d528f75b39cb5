import type { Page } from 'playwright-core';
import { articlesOf } from '../helpers/audience';
import {
  launchBrowser,
  logInToAdmin,
  screenshot,
  startStrapiWithAdmin,
  type AdminApp,
  type BrowserSession,
} from '../helpers/browser';

const PLUGIN = '/admin/plugins/personalization';
const WEEK = 7 * 86_400_000;

/**
 * Issue 15, done-when in the admin: the feedback-loop page shows coverage and tag entropy over
 * time. Four weeks of logged reads are stored as history (the events API only takes the last
 * 7 days): everyone reads every topic, while the sports fans drift to sports alone.
 */
describe('admin panel in Chromium: the feedback-loop audit', () => {
  let app: AdminApp;
  let browser: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    app = await startStrapiWithAdmin({ env: { SEED_DEMO_RULES: 'true', CRON_ENABLED: 'false' } });
    const topics = ['sports', 'travel', 'technology', 'science'];
    const ids = Object.fromEntries(
      await Promise.all(topics.map(async (topic) => [topic, await articlesOf(app.strapi, topic)]))
    ) as Record<string, string[]>;
    const rows: Record<string, unknown>[] = [];
    const read = (caller: string, topic: string, index: number, time: number) =>
      rows.push({
        caller_key: caller,
        event_id: `history-${rows.length}`,
        type: 'view',
        entry_uid: 'api::article.article',
        entry_document_id: ids[topic][index % ids[topic].length],
        occurred_at: time,
        session_id: 'history',
        tags: JSON.stringify([topic]),
        received_at: time,
      });
    const now = Date.now();
    for (let week = 0; week < 4; week += 1) {
      const time = now - (3 - week) * WEEK;
      for (let reader = 0; reader < 3; reader += 1) {
        // Fans read fewer other topics each week: 4 topics, then 3, 2, and sports alone.
        topics
          .slice(0, 4 - week)
          .forEach((topic, index) => read(`fan-${reader}`, topic, index + reader, time));
        topics.forEach((topic, index) => read(`other-${reader}`, topic, index + week, time));
      }
    }
    await app.strapi.db.connection('personalization_events').insert(rows);
    await app.strapi.db.connection('personalization_segment_members').insert(
      [0, 1, 2].map((reader) => ({
        caller_key: `fan-${reader}`,
        segment: 'sports-fans',
        source: 'rule',
        assigned_at: now,
      }))
    );
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
    await logInToAdmin(page, app);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.destroy();
  });

  it('recomputes the audit and charts entropy, coverage and top share per week, with the narrowing warned', async () => {
    await page.goto(`${app.baseUrl}${PLUGIN}`);
    // The first plugin page after logging in loads the admin's lazy chunks; on a busy CI machine
    // that has taken longer than the default wait.
    await page
      .getByRole('heading', { name: 'Opted-in content types' })
      .waitFor({ timeout: 90_000 });
    await page.getByRole('link', { name: 'Feedback loop' }).click();
    await page.waitForURL(`**${PLUGIN}/feedback-loop`);
    await page.getByText('No audit yet', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Recompute now' }).click();
    const entropy = page.getByTestId('feedback-entropy-chart');
    await entropy.locator('.recharts-line-dot').first().waitFor();
    // Two segments (all, sports-fans) over four weeks: eight dots on each chart.
    expect(await entropy.locator('.recharts-line-dot').count()).toBe(8);
    expect(
      await page.getByTestId('feedback-coverage-chart').locator('.recharts-line-dot').count()
    ).toBe(8);
    expect(
      await page.getByTestId('feedback-top-share-chart').locator('.recharts-line-dot').count()
    ).toBe(8);
    // Fans went from 4 topics (2 bits) to 3 (1.58), 2 (1) and 1 (0): every drop is over 0.5 bits.
    const warnings = page.getByTestId('feedback-warning');
    expect(await warnings.count()).toBe(2);
    expect(await warnings.first().textContent()).toContain('"sports-fans" fell by');
    expect(await page.getByRole('row', { name: /sports-fans/ }).count()).toBe(4);
    await screenshot(page, 'feedback-loop-01-charts');
  });
});
