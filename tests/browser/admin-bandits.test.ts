import type { Page } from 'playwright-core';
import { createFullAccessToken } from '../helpers/api-token';
import { articlesOf, audienceCalls } from '../helpers/audience';
import {
  launchBrowser,
  logInToAdmin,
  screenshot,
  startStrapiWithAdmin,
  type AdminApp,
  type BrowserSession,
} from '../helpers/browser';
import { managementApi } from '../helpers/rules';

/**
 * Issue 14, done-when in the admin: a per-segment bandit on the demo newsletter, fed through the
 * HTTP API (sports fans sign up for the sports edition, everyone else for the base one); "Reweight
 * now" on its bandit page moves the sports segment's weight to the sports arm while the global
 * bandit stays on base.
 */

const PROMOTION = 'api::promotion.promotion';
const PLUGIN = '/admin/plugins/personalization';
const NAME = 'newsletter-bandit';
const SPORTS = 'sports-fans';
const CALLERS = 30;

interface Served {
  documentId: string;
  personalization: { experiment: { arm: string } | null };
}

const percentIn = async (page: Page, testId: string): Promise<number> =>
  Number(((await page.getByTestId(testId).textContent()) ?? '').replace(' %', ''));

describe('admin panel in Chromium: a per-segment bandit', () => {
  let app: AdminApp;
  let browser: BrowserSession;
  let page: Page;
  let newsletterId: string;

  const armOf = async (visitorId: string): Promise<string> => {
    const list = await audienceCalls(app, { visitorId }).get('/api/promotions').expect(200);
    const entry = (list.body.data as Served[]).find((item) => item.documentId === newsletterId);
    const arm = entry?.personalization.experiment?.arm;
    if (!arm) throw new Error(`no arm for ${visitorId}`);
    return arm;
  };

  const convert = (visitorId: string) =>
    audienceCalls(app, { visitorId })
      .events([
        {
          id: `signup-${visitorId}`,
          type: 'conversion',
          value: 1,
          entry: { uid: PROMOTION, documentId: newsletterId },
          timestamp: new Date().toISOString(),
          sessionId: 'bandit-browser',
        },
      ])
      .expect((response) => expect(response.status).toBeLessThan(300));

  beforeAll(async () => {
    app = await startStrapiWithAdmin({
      env: {
        SEED_DEMO_RULES: 'true',
        PERSONALIZATION_CONSENT_DEFAULT_ANALYTICS: 'true',
        // The reweight job would run on its own; the page's button triggers it instead.
        CRON_ENABLED: 'false',
      },
    });
    const api = managementApi(app, await createFullAccessToken(app.strapi));
    const [newsletter] = (await app.strapi.documents(PROMOTION).findMany({
      status: 'published',
      filters: { variantKey: { $null: true }, ctaUrl: 'https://example.com/newsletter' },
      limit: 1,
    } as never)) as unknown as Array<{ documentId: string }>;
    newsletterId = newsletter.documentId;
    const sportsArticles = (await articlesOf(app.strapi, 'sports')).slice(0, 3);

    await api('post', '/experiments')
      .send({
        name: NAME,
        hypothesis: 'Each audience gets the edition it signs up for',
        contentType: PROMOTION,
        entryFilter: { documentIds: [newsletterId] },
        arms: [
          { name: 'base', weight: 1 },
          { name: 'sports', weight: 1 },
        ],
        primaryMetric: { name: 'sign-up', kind: 'proportion', events: ['conversion'] },
        mode: 'bandit',
        bandit: {
          settings: { burnIn: 5, seed: 11 },
          segments: [{ segment: SPORTS, settings: { burnIn: 5, floor: 0.02, cadenceMinutes: 20 } }],
        },
      })
      .expect(201);
    await api('post', `/experiments/${NAME}/start`).send({}).expect(200);

    for (let index = 0; index < CALLERS; index += 1) {
      const fan = `fan-${index}`;
      for (const documentId of sportsArticles) {
        await audienceCalls(app, { visitorId: fan }).get(`/api/articles/${documentId}`).expect(200);
      }
      if ((await armOf(fan)) === 'sports') await convert(fan);
      const other = `other-${index}`;
      if ((await armOf(other)) === 'base') await convert(other);
    }

    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
    await logInToAdmin(page, app);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.destroy();
  });

  it('links the bandit page from the experiments list; every scope starts on the configured weights', async () => {
    await page.goto(`${app.baseUrl}${PLUGIN}/experiments`);
    const row = page.getByRole('row', { name: new RegExp(NAME) });
    await row.getByRole('link', { name: 'Bandit', exact: true }).click();
    await page.waitForURL(`**${PLUGIN}/experiments/${NAME}/bandit`);
    await page.getByTestId(`bandit-scope-${SPORTS}`).waitFor();
    expect(await page.getByText('Not reweighted yet: configured weights').count()).toBe(2);
    expect(await percentIn(page, `weight-${SPORTS}-sports`)).toBe(50);
    expect(await percentIn(page, 'weight-*-base')).toBe(50);
  });

  it('reweights now: the sports segment moves to the sports arm, the global bandit stays on base', async () => {
    await page.getByRole('button', { name: 'Reweight now' }).click();
    await page.getByText('2 reweights so far', { exact: false }).waitFor();
    const sports = page.getByTestId(`bandit-scope-${SPORTS}`);
    const global = page.getByTestId('bandit-scope-*');
    expect(await sports.getAttribute('data-leading')).toBe('sports');
    expect(await global.getAttribute('data-leading')).toBe('base');
    expect(await percentIn(page, `weight-${SPORTS}-sports`)).toBeGreaterThanOrEqual(95);
    expect(await percentIn(page, `weight-${SPORTS}-base`)).toBeGreaterThanOrEqual(2);
    expect(await percentIn(page, 'weight-*-base')).toBeGreaterThanOrEqual(95);
    // Fans signed up only on sports: its posterior has no failure, base's no success.
    expect(await sports.getByRole('row', { name: /^sports/ }).textContent()).toMatch(
      /Beta\(α \d+, β 1\)/
    );
    expect(await global.getByRole('row', { name: /^base/ }).textContent()).toMatch(
      /Beta\(α \d+, β 1\)/
    );
    // Each chart has the starting point and the reweight: two dots for each of the two arms.
    const chart = sports.getByTestId(`bandit-chart-${SPORTS}`);
    await chart.locator('.recharts-line-dot').first().waitFor();
    expect(await chart.locator('.recharts-line-dot').count()).toBe(4);
    await screenshot(page, 'bandits-01-global');
    // The admin scrolls inside its layout: bring the segment's card into the viewport.
    await chart.scrollIntoViewIfNeeded();
    await screenshot(page, 'bandits-02-sports-segment');
  });

  it('opens the bandit page from the results page too', async () => {
    await page.goto(`${app.baseUrl}${PLUGIN}/experiments/${NAME}/results`);
    await page.getByRole('button', { name: 'Bandit', exact: true }).click();
    await page.waitForURL(`**${PLUGIN}/experiments/${NAME}/bandit`);
    await page.getByText('2 reweights so far', { exact: false }).waitFor();
  });
});
