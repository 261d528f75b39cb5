import type { Page } from 'playwright-core';
import { audienceCalls } from '../helpers/audience';
import { waitFor } from '../helpers/tagging';
import {
  launchBrowser,
  logInToAdmin,
  screenshot,
  startStrapiWithAdmin,
  type AdminApp,
  type BrowserSession,
} from '../helpers/browser';

/**
 * Issue 13, done-when: an editor creates an experiment on the demo newsletter promotion in the
 * admin and starts it; traffic goes through the HTTP API (consent, the entry, a conversion); the
 * results page shows the lift with its CI and a passing SRM check; shipping serves the winner.
 */

const PROMOTION = 'api::promotion.promotion';
const PLUGIN = '/admin/plugins/personalization';
const NAME = 'newsletter-sports';
const CALLERS = 240;

const choose = async (page: Page, label: string, option: string) => {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
};

const perArm = async (page: Page): Promise<number> => {
  const text = (await page.getByTestId('sample-size-per-arm').textContent()) ?? '';
  return Number(/^([\d,]+) callers per arm/.exec(text)?.[1].replace(/,/g, ''));
};

describe('admin panel in Chromium: an experiment from creation to shipping', () => {
  let app: AdminApp;
  let browser: BrowserSession;
  let page: Page;
  let newsletterId: string;

  beforeAll(async () => {
    // The demo content and rules: the newsletter promotion and its `sports` variant.
    app = await startStrapiWithAdmin({
      env: { PERSONALIZATION_TAGGING_ENABLED: 'false', SEED_DEMO_RULES: 'true' },
    });
    const [newsletter] = (await app.strapi.documents(PROMOTION).findMany({
      status: 'published',
      filters: { variantKey: { $null: true }, ctaUrl: 'https://example.com/newsletter' },
      limit: 1,
    } as never)) as unknown as Array<{ documentId: string }>;
    newsletterId = newsletter.documentId;
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
    await logInToAdmin(page, app);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.destroy();
  });

  it('creates the experiment with a live sample size', async () => {
    await page.goto(`${app.baseUrl}${PLUGIN}/experiments`);
    await page.getByText('No experiment yet.').waitFor();
    await page.getByRole('button', { name: 'Create experiment' }).click();
    await page.waitForURL(`**${PLUGIN}/experiments/new`);

    await page.locator('input[name="name"]').fill(NAME);
    await page
      .locator('textarea[name="hypothesis"]')
      .fill('The sports edition of the newsletter promotion gets more sign-ups');
    await choose(page, 'Content type', PROMOTION);
    await page.locator('input[name="filterDocumentIds"]').fill(newsletterId);
    await page.locator('input[name="arm-1-name"]').fill('sports');
    await page.locator('input[name="primary-name"]').fill('sign-up');

    // Baseline 10 %, MDE +10 %, alpha 0.05, power 0.8 (the defaults): thousands per arm.
    await page.getByTestId('sample-size-per-arm').waitFor();
    const atTenPercent = await perArm(page);
    expect(atTenPercent).toBeGreaterThan(10_000);
    expect(atTenPercent).toBeLessThan(20_000);
    expect(await page.getByTestId('sample-size-per-arm').textContent()).toContain(
      `(${(atTenPercent * 2).toLocaleString('en')} in all)`
    );
    // A larger effect needs fewer callers: the calculator follows the form.
    await page.locator('input[name="mde"]').fill('0.5');
    const atFiftyPercent = await waitFor(async () => {
      const value = await perArm(page);
      return value > 0 && value < atTenPercent ? value : undefined;
    }, 'the sample size of the larger effect');
    expect(atFiftyPercent).toBeLessThan(atTenPercent / 10);
    await page.getByTestId('sample-size').scrollIntoViewIfNeeded();
    await screenshot(page, 'experiments-01-create');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`**${PLUGIN}/experiments/${NAME}`);
    await page.getByRole('button', { name: 'Start' }).waitFor();
  });

  it('starts it: the plan is frozen and its fields read-only', async () => {
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByTestId('frozen-notice').waitFor();
    expect(await page.locator('textarea[name="hypothesis"]').isDisabled()).toBe(true);
    expect(await page.locator('input[name="arm-1-weight"]').isDisabled()).toBe(true);
    expect(await page.locator('input[name="mde"]').isDisabled()).toBe(true);
    expect(await page.getByRole('combobox', { name: 'Content type' }).isDisabled()).toBe(true);
    await screenshot(page, 'experiments-02-running');

    await page.goto(`${app.baseUrl}${PLUGIN}/experiments`);
    const row = page.getByRole('row', { name: new RegExp(NAME) });
    await row.waitFor();
    expect(await row.textContent()).toMatch(
      /running.*api::promotion\.promotion.*base ×1, sports ×1.*sign-up \(proportion\)/
    );
  });

  it('counts traffic sent through the HTTP API and shows the lift with its CI, SRM passing', async () => {
    const served = new Map<string, number>();
    for (let index = 0; index < CALLERS; index += 1) {
      const visitorId = `browser-visitor-${index}`;
      const calls = audienceCalls(app, { visitorId });
      await calls.consent({ analytics: true }).expect(200);
      const entry = await calls.get(`/api/promotions/${newsletterId}`).expect(200);
      const arm = entry.body.data.personalization.experiment?.arm as string;
      expect(['base', 'sports']).toContain(arm);
      served.set(arm, (served.get(arm) ?? 0) + 1);
      // Sports converts one caller in three, base one in ten.
      if ((served.get(arm) ?? 0) % (arm === 'sports' ? 3 : 10) === 0) {
        await calls
          .events([
            {
              id: `${visitorId}-signup`,
              type: 'conversion',
              value: 1,
              entry: { uid: PROMOTION, documentId: newsletterId },
              timestamp: new Date().toISOString(),
              sessionId: `${visitorId}-session`,
            },
          ])
          .expect(202);
      }
    }
    expect(served.get('base')).toBeGreaterThan(CALLERS / 4);
    expect(served.get('sports')).toBeGreaterThan(CALLERS / 4);

    await page.goto(`${app.baseUrl}${PLUGIN}/experiments/${NAME}/results`);
    const srm = page.getByTestId('srm-banner');
    await srm.waitFor();
    expect(await srm.getAttribute('data-srm')).toBe('pass');
    expect(await srm.textContent()).toContain('Sample ratio as planned');

    const metric = page.getByTestId('metric-sign-up');
    const exposedBase = metric.getByRole('row', { name: /^base/ });
    expect(await exposedBase.textContent()).toContain(String(served.get('base')));
    const lift = await page.getByTestId('lift-sign-up-sports').textContent();
    // "+233.3 % [+12.0 %, +900.0 %]": an estimate and its interval.
    const [, estimate, lower, upper] =
      /^([+−][\d.]+) % \[([+−][\d.]+) %, ([+−][\d.]+) %\]/.exec(lift ?? '') ?? [];
    const value = (text: string) => Number(text.replace('−', '-'));
    expect(value(estimate)).toBeGreaterThan(0);
    expect(value(lower)).toBeLessThan(value(estimate));
    expect(value(upper)).toBeGreaterThan(value(estimate));

    const chart = page.getByTestId('lift-chart-sign-up');
    await chart.locator('.recharts-bar-rectangle').first().waitFor();
    expect(await chart.locator('.recharts-errorBar').count()).toBeGreaterThan(0);
    const exposures = page.getByTestId('exposure-chart');
    // One line per arm, from zero at the start to today's total.
    await exposures.locator('path.recharts-line-curve').first().waitFor();
    expect(await exposures.locator('path.recharts-line-curve').count()).toBe(2);
    await page.getByTestId('frozen-plan').getByText('The sports edition').waitFor();
    expect(await page.getByTestId('ship-button').isEnabled()).toBe(true);
    await screenshot(page, 'experiments-03-results');
    await chart.scrollIntoViewIfNeeded();
    await screenshot(page, 'experiments-04-lift-chart');
    await exposures.scrollIntoViewIfNeeded();
    await screenshot(page, 'experiments-05-exposures-and-plan');
  });

  it('ships the sports arm: the experiment stops and a rule serves the arm', async () => {
    await page.getByTestId('ship-button').click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByTestId('decision').waitFor();
    expect(await page.getByTestId('decision').textContent()).toContain('ship (sports)');
    expect(await page.getByTestId('ship-button').count()).toBe(0);
    await screenshot(page, 'experiments-06-shipped');

    const entry = await audienceCalls(app, { visitorId: 'after-ship' })
      .get(`/api/promotions/${newsletterId}`)
      .expect(200);
    expect(entry.body.data.personalization).toMatchObject({
      variant: 'sports',
      reason: 'rule',
      rule: { name: `experiment-${NAME}` },
      experiment: null,
    });
  });
});
