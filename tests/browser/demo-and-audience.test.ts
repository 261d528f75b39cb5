import type { Page } from 'playwright-core';
import { articlesOf, audienceCalls, readOneSportsArticle } from '../helpers/audience';
import {
  launchBrowser,
  logInToAdmin,
  screenshot,
  startStrapiWithAdmin,
  type AdminApp,
  type BrowserSession,
} from '../helpers/browser';

const PLUGIN = '/admin/plugins/personalization';

/** Each column's entries as "documentId:reason:variant", in page order. */
const columnSignatures = (page: Page): Promise<Record<string, string>> =>
  page.evaluate(`Object.fromEntries([...document.querySelectorAll('section[data-visitor]')].map((column) => [
    column.dataset.visitor,
    [...column.querySelectorAll('li[data-document-id]')]
      .map((item) => item.dataset.documentId + ':' + item.dataset.reason + ':' + item.dataset.variant)
      .join('|'),
  ]))`) as Promise<Record<string, string>>;

describe('demo page and Audience page in Chromium', () => {
  let app: AdminApp;
  let browser: BrowserSession;
  let page: Page;
  let sportsVisitor = '';

  beforeAll(async () => {
    app = await startStrapiWithAdmin({
      env: { SEED_DEMO_RULES: 'true', PERSONALIZATION_CLUSTERING_MIN_PROFILES: '4' },
    });
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.destroy();
  });

  it('shows three visitors whose columns differ, using only the public REST API', async () => {
    await page.goto(`${app.baseUrl}/demo/index.html`);
    await page.locator('body[data-ready="true"]').waitFor();
    const columns = await columnSignatures(page);
    expect(Object.keys(columns)).toEqual(['private', 'premium', 'sports']);
    expect(new Set(Object.values(columns)).size).toBe(3);
    expect(columns.private).not.toMatch(/:(rule|no-rule):/);
    expect(columns.private).toMatch(/:no-consent:/);
    expect(columns.premium.match(/:rule:premium/g)).toHaveLength(4);
    expect(columns.sports).not.toMatch(/:sports(\||$)/);
    const who = await page.locator('section[data-visitor="sports"] .who').textContent();
    sportsVisitor = /X-Visitor-Id: ([\w-]+)/.exec(who ?? '')?.[1] ?? '';
    expect(sportsVisitor).toMatch(/^demo-sports-/);
    await screenshot(page, '12-demo-three-visitors');
  });

  it('changes the sports reader to the sports promotion after three sports articles', async () => {
    await page.locator('section[data-visitor="sports"] button[data-action="read"]').click();
    const sportsPromotion = page.locator(
      'section[data-visitor="sports"] .promotions li[data-variant="sports"]'
    );
    await sportsPromotion.waitFor();
    expect(await sportsPromotion.textContent()).toMatch(/Get the Sports Briefing/);
    expect(await page.locator('section[data-visitor="sports"] .profile').textContent()).toMatch(
      /top tags: sports.*segments: sports-fans/
    );
    // The other two visitors are unchanged by it.
    expect(
      await page.locator('section[data-visitor="premium"] li[data-variant="sports"]').count()
    ).toBe(0);
    await screenshot(page, '13-demo-after-reading');
  });

  it('shows segments with their sizes, runs the clustering twice and shows an ARI of 1', async () => {
    // A few more readers so the clustering has profiles to group.
    for (const [index, topic] of ['travel', 'technology', 'science', 'business'].entries()) {
      const calls = audienceCalls(app, { visitorId: `browser-reader-${index}` });
      await calls.consent({ analytics: true }).expect(200);
      for (const documentId of (await articlesOf(app.strapi, topic)).slice(0, 2)) {
        await calls.get(`/api/articles/${documentId}`).expect(200);
      }
    }
    await logInToAdmin(page, app);
    await page.goto(`${app.baseUrl}${PLUGIN}/audience`);
    const members = page.locator('[data-segment-members="sports-fans"]');
    await members.waitFor();
    expect(Number(await members.textContent())).toBe(1);

    const runButton = page.getByRole('button', { name: 'Run clustering now' });
    await runButton.click();
    await page.locator('[data-ari]').first().waitFor();
    await runButton.click();
    await page.locator('[data-ari]').nth(1).waitFor();
    expect(await page.locator('[data-ari]').first().textContent()).toMatch(
      /^1\.000 \(over \d+ callers\)/
    );
    await screenshot(page, '14-audience-segments-and-runs');
  });

  it("looks up the sports reader's profile", async () => {
    await page.locator('input[name="profile-id"]').fill(sportsVisitor);
    await page.getByRole('button', { name: 'Look up' }).click();
    const result = page.locator('[data-profile-result]');
    await result.waitFor();
    const text = await result.textContent();
    expect(text).toMatch(/Segments: .*sports-fans/);
    expect(text).toMatch(/sports/);
    await screenshot(page, '15-audience-profile');
  });
  it('lists the admin profile lookup on the Audit page, filtered by action', async () => {
    await page.goto(`${app.baseUrl}${PLUGIN}/audit`);
    await page.locator('input[name="audit-limit"]').waitFor();
    await page.locator('input[name="audit-limit"]').fill('20');
    await page.getByRole('combobox', { name: 'Action' }).click();
    await page.getByRole('option', { name: 'profile.read' }).click();
    await page.getByRole('button', { name: 'Apply' }).click();
    const lookup = page.getByRole('row', { name: /profile\.read/ });
    await lookup.first().waitFor();
    // Only the lookup of the sports reader's profile, by the logged-in administrator.
    expect(await lookup.count()).toBe(1);
    expect(await lookup.textContent()).toMatch(/admin \d+/);
    expect(await page.getByText(sportsVisitor).count()).toBe(0);
    await screenshot(page, '16-audit-log');
  });

  it("shows the demo's shadow candidate per segment: a one-read visitor would get the sports edition", async () => {
    const affinity = await readOneSportsArticle(app, 'browser-one-sports-read');
    // Over the candidate's threshold (0.5), under the segment's (2.5).
    expect(affinity).toBeGreaterThan(0.5);
    expect(affinity).toBeLessThan(2.5);
    await audienceCalls(app, { visitorId: 'browser-one-sports-read' })
      .get('/api/promotions')
      .expect(200);

    await page.goto(`${app.baseUrl}${PLUGIN}/rules/sports-newsletter-earlier/shadow`);
    const noSegment = page.getByRole('row', { name: /no segment/ });
    await noSegment.waitFor();
    // Cells: segment, evaluated, diverged, divergence.
    const cells = (row: typeof noSegment) => row.locator('td').allTextContents();
    const [, , diverged, divergence] = await cells(noSegment);
    expect(Number(diverged)).toBeGreaterThanOrEqual(1);
    expect(divergence).not.toBe('0.0 %');
    const fans = await cells(page.getByRole('row', { name: /^sports-fans/ }));
    expect(fans.slice(2)).toEqual(['0', '0.0 %']);
    await screenshot(page, '17-demo-shadow-report');
  });
});
