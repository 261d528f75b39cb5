import type { Page } from 'playwright-core';
import { createFullAccessToken } from '../helpers/api-token';
import { audienceCalls } from '../helpers/audience';
import {
  launchBrowser,
  logInToAdmin,
  screenshot,
  startStrapiWithAdmin,
  type AdminApp,
  type BrowserSession,
} from '../helpers/browser';
import { managementApi } from '../helpers/rules';
import { createArticleVariant } from '../helpers/variants';

const ARTICLE = 'api::article.article';
const PLUGIN = '/admin/plugins/personalization';

/** Six callers: 0–2 read (segment "readers"); 0 and 3 declare the premium plan. */
const CALLERS = Array.from({ length: 6 }, (_, index) => ({
  visitorId: `shadow-browser-${index}`,
  plan: index === 0 || index === 3 ? 'premium' : 'free',
  reader: index < 3,
}));

describe('admin panel in Chromium: shadow report', () => {
  let app: AdminApp;
  let browser: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    app = await startStrapiWithAdmin({
      env: {
        SEED_DEMO_RULES: 'false',
        PERSONALIZATION_TAGGING_ENABLED: 'false',
        PERSONALIZATION_SHADOW_SAMPLE_RATE: '1',
      },
    });
    const token = await createFullAccessToken(app.strapi);
    const api = managementApi(app, token);
    const { baseId } = await createArticleVariant(app.strapi, 'premium');
    await api('post', '/segments')
      .send({ name: 'readers', condition: { field: 'profile.visits', op: 'gte', value: 1 } })
      .expect(201);
    for (const caller of CALLERS.filter((candidate) => candidate.reader)) {
      const calls = audienceCalls(app, { visitorId: caller.visitorId });
      await calls.consent({ analytics: true }).expect(200);
      await calls
        .events([
          {
            id: `${caller.visitorId}-view`,
            type: 'view',
            entry: { uid: ARTICLE, documentId: baseId },
            timestamp: new Date().toISOString(),
            sessionId: 'session-1',
          },
        ])
        .expect(202);
    }
    await api('post', '/templates')
      .send({
        name: 'premium-plan',
        body: "{% if visitor.traits.plan == 'premium' %}{% variant 'premium' %}{% endif %}",
        // Rules follow the latest version whose test cases pass.
        testCases: [
          {
            name: 'premium reader',
            caller: { traits: { plan: 'premium' } },
            variants: ['premium'],
            expected: 'premium',
          },
        ],
      })
      .expect(201);
    await api('post', '/rules')
      .send({
        name: 'premium-candidate',
        contentType: ARTICLE,
        template: 'premium-plan',
        status: 'shadow',
      })
      .expect(201);
    for (const caller of CALLERS) {
      await app
        .http()
        .get(`/api/articles?filters[documentId][$eq]=${baseId}`)
        .set('X-Visitor-Id', caller.visitorId)
        .set('X-Visitor-Traits', JSON.stringify({ plan: caller.plan }))
        .expect(200);
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

  it('shows divergence overall and per segment, examples and timing', async () => {
    await page.goto(`${app.baseUrl}${PLUGIN}/rules/premium-candidate`);
    await page.getByRole('button', { name: 'Shadow report' }).click();
    await page.waitForURL(`**${PLUGIN}/rules/premium-candidate/shadow`);
    await page.getByTestId('shadow-evaluated').getByText('6').waitFor();
    expect(await page.getByTestId('shadow-divergence').textContent()).toBe('33.3 % (2)');
    expect(await page.getByTestId('shadow-errors').textContent()).toBe('0');
    const readers = page.getByRole('row', { name: /^readers/ });
    expect(await readers.textContent()).toContain('33.3 %');
    const others = page.getByRole('row', { name: /no segment/ });
    expect(await others.textContent()).toContain('33.3 %');
    expect(await page.getByRole('row', { name: /"plan":"premium"/ }).count()).toBe(2);
    expect(await page.getByText('shadow-browser-').count()).toBe(0);
    await screenshot(page, '20-shadow-report');
  });

  it('promotes the candidate: the rule is active and no longer in shadow', async () => {
    await page.getByRole('button', { name: 'Promote' }).click();
    await page.getByText('not in shadow').waitFor();
    expect(await page.getByTestId('shadow-evaluated').textContent()).toBe('0');
    await screenshot(page, '21-shadow-promoted');
    await page.goto(`${app.baseUrl}${PLUGIN}/rules`);
    const row = page.getByRole('row', { name: /premium-candidate/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('active');
  });
});
