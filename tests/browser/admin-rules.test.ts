import type { Page } from 'playwright-core';
import { createAdminUser, createRole } from '../helpers/admin-users';
import { waitFor } from '../helpers/tagging';
import { createArticleVariant } from '../helpers/variants';
import {
  forgetSession,
  launchBrowser,
  logInToAdmin,
  screenshot,
  startStrapiWithAdmin,
  type AdminApp,
  type BrowserSession,
} from '../helpers/browser';

const ARTICLE = 'api::article.article';
const PLUGIN = '/admin/plugins/personalization';

/** Line 2 opens an `if` that is never closed: liquidjs reports it at line 2. */
const BROKEN_BODY = [
  '{% comment %}premium readers get the premium variant{% endcomment %}',
  "{% if visitor.traits.plan == 'pro' %}{% variant 'premium' %}",
].join('\n');
const FIXED_BODY = `${BROKEN_BODY}\n{% endif %}`;

/** Replaces the whole CodeMirror document (insertText skips auto-closing of brackets). */
const typeTemplate = async (page: Page, body: string) => {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(body);
};

const choose = async (page: Page, label: string, option: string) => {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
};

describe('admin panel in Chromium: templates, rules, flags and preview', () => {
  let app: AdminApp;
  let browser: BrowserSession;
  let page: Page;
  let base: { baseId: string; title: string };

  beforeAll(async () => {
    app = await startStrapiWithAdmin();
    const { baseId, variantTitle } = await createArticleVariant(app.strapi, 'premium');
    const stored = (await app.strapi
      .documents(ARTICLE)
      .findOne({ documentId: baseId, status: 'published' })) as unknown as { title: string };
    base = { baseId, title: stored.title };
    expect(variantTitle).not.toBe(stored.title);
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.destroy();
  });

  it('logs in to the admin with the first administrator', async () => {
    await logInToAdmin(page, app);
    await page.getByRole('link', { name: 'Personalization' }).first().waitFor();
    await page.goto(`${app.baseUrl}${PLUGIN}`);
    await page.getByRole('heading', { name: 'Opted-in content types' }).waitFor();
    await screenshot(page, '01-plugin-home');
  });

  it('shows a template syntax error at its line, then accepts the fix', async () => {
    await page.goto(`${app.baseUrl}${PLUGIN}/templates/new`);
    await page.locator('input[name="name"]').fill('by-plan');
    await typeTemplate(page, BROKEN_BODY);

    const problems = page.getByTestId('problem-list');
    await problems.waitFor();
    expect(await problems.textContent()).toMatch(/Line 2, column \d+: .*not closed/);
    // The error is marked in the gutter and underlined inside the second line of the editor.
    await page.locator('.cm-lint-marker-error').first().waitFor();
    expect(await page.locator('.cm-line').nth(1).locator('.cm-lintRange-error').count()).toBe(1);
    expect(await page.locator('.cm-line').nth(0).locator('.cm-lintRange-error').count()).toBe(0);
    const marker = await page.locator('.cm-lint-marker-error').first().boundingBox();
    const line = await page.locator('.cm-line').nth(1).boundingBox();
    expect(Math.abs((marker?.y ?? 0) - (line?.y ?? -100))).toBeLessThan(line?.height ?? 0);
    await screenshot(page, '02-template-syntax-error');

    await typeTemplate(page, FIXED_BODY);
    await page.getByTestId('template-valid').waitFor();
    expect(await page.locator('.cm-lint-marker-error').count()).toBe(0);

    await page.getByRole('button', { name: 'Add test case' }).click();
    await page.locator('input[name="test-0-name"]').fill('pro reader');
    await page.locator('input[name="test-0-expected"]').fill('premium');
    await page.locator('input[name="test-0-variants"]').fill('premium');
    await page.locator('textarea[name="test-0-caller"]').fill('{"traits":{"plan":"pro"}}');
    await page.getByTestId('test-results').getByText('All 1 test cases pass.').waitFor();

    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`**${PLUGIN}/templates/by-plan`);
    await page.getByText('Version 1').first().waitFor();
    await screenshot(page, '03-template-saved');
  });

  it('stores a change as a new version, shows its diff and rolls back', async () => {
    await typeTemplate(
      page,
      `${FIXED_BODY}\n{% if visitor.traits.plan == 'team' %}{% variant 'premium' %}{% endif %}`
    );
    await page.getByTestId('template-valid').waitFor();
    await page.locator('input[name="note"]').fill('team plan too');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Version 2').first().waitFor();

    const versionOne = page.getByRole('row', { name: /created/ });
    await versionOne.getByRole('button', { name: 'Diff with latest' }).click();
    const diff = page.getByTestId('version-diff');
    await diff.waitFor();
    expect(await diff.textContent()).toContain("+ {% if visitor.traits.plan == 'team' %}");
    await diff.scrollIntoViewIfNeeded();
    await screenshot(page, '04-template-diff');

    await versionOne.getByRole('button', { name: 'Roll back to this version' }).click();
    await page.getByText('Version 3').first().waitFor();
    expect(await page.locator('.cm-content').textContent()).not.toContain("'team'");
    expect(await page.getByRole('row', { name: /rollback to version 1/ }).count()).toBe(1);
  });

  it('creates an active rule on the template and switches its flag on', async () => {
    await page.goto(`${app.baseUrl}${PLUGIN}/rules/new`);
    await page.locator('input[name="name"]').fill('plan-premium');
    await choose(page, 'Content type', ARTICLE);
    await choose(page, 'Template', 'by-plan');
    await choose(page, 'Status', 'active');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`**${PLUGIN}/rules`);
    const row = page.getByRole('row', { name: /plan-premium/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('active');
    expect(await row.textContent()).toContain('personalization.plan-premium');
    await screenshot(page, '05-rules');

    await page.goto(`${app.baseUrl}${PLUGIN}/flags`);
    const flagRow = page.getByRole('row', { name: /personalization\.plan-premium/ });
    await flagRow.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('checkbox', { name: 'Enabled' }).click({ force: true });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('row', { name: /personalization\.plan-premium.*on/ }).waitFor();
    await screenshot(page, '06-flags');
  });

  it('previews the article as two callers and shows two variants', async () => {
    await page.goto(`${app.baseUrl}${PLUGIN}/preview`);
    await choose(page, 'Content type', ARTICLE);
    await choose(page, 'Entry', base.title);

    const previewAs = async (traits: string) => {
      await page.locator('textarea[name="preview-traits"]').fill(traits);
      await page.getByRole('button', { name: 'Preview', exact: true }).click();
      await page.getByTestId('preview-result').waitFor();
    };

    await previewAs('{"plan":"pro"}');
    await page.getByTestId('preview-variant').getByText('premium').waitFor();
    expect(await page.getByTestId('preview-reason').textContent()).toBe('rule');
    // The content as delivery serves it: the variant's fields over the base entry's.
    const content = await page.getByTestId('preview-content').textContent();
    expect(content).toContain(`"title": "${base.title} (premium)"`);
    expect(content).toContain(`"documentId": "${base.baseId}"`);
    await screenshot(page, '07-preview-pro');

    await previewAs('{"plan":"free"}');
    await page.getByTestId('preview-variant').getByText('base content').waitFor();
    expect(await page.getByTestId('preview-content').textContent()).toContain(base.title);
    await screenshot(page, '08-preview-free');
  });

  it('shows the entry panel in the content manager: tags, related entries, variants', async () => {
    const tagged = await waitFor(
      async () => {
        const response = await app
          .http()
          .get(`/personalization/tags/${ARTICLE}/${base.baseId}`)
          .set('Authorization', `Bearer ${app.adminToken}`);
        const data = response.body.data as
          | { state: string; tags: Array<{ label: string; type: string }> }
          | undefined;
        return data?.state === 'tagged' ? data.tags : undefined;
      },
      'the article to be tagged',
      90_000
    );
    // The tag naming Dresden as the model wrote it ("Dresden", "Dresden, Germany" …), a place first.
    const dresden = tagged.filter((tag) => tag.label.includes('Dresden'));
    const place = (dresden.find((tag) => tag.type === 'LOC') ?? dresden[0])?.label;
    expect(place).toBeDefined();
    const label = place as string;
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await page.goto(
      `${app.baseUrl}/admin/content-manager/collection-types/${ARTICLE}/${base.baseId}`
    );
    await page.getByTestId('panel-variants').getByText('premium', { exact: true }).waitFor();
    const tags = page.getByTestId('panel-tags');
    await tags.getByText('Places').waitFor();
    expect(await tags.textContent()).toMatch(new RegExp(`${escaped}\\s*\\d+%`));
    await page.getByTestId('panel-related').getByRole('link').first().waitFor();

    await tags.getByRole('button', { name: `Reject ${label}`, exact: true }).click();
    // A rejected tag loses its reject button once the panel has reloaded.
    await tags
      .getByRole('button', { name: `Reject ${label}`, exact: true })
      .waitFor({ state: 'detached' });
    expect(await tags.textContent()).toMatch(new RegExp(`${escaped}\\s*\\d+%\\s*rejected`));
    await screenshot(page, '09-content-manager-panel');
  });

  it('creates a draft variant from the entry panel and opens it', async () => {
    const variants = page.getByTestId('panel-variants');
    await variants.getByPlaceholder('Variant key, e.g. premium').fill('vip');
    await variants.getByRole('button', { name: 'Create variant' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith(base.baseId));
    await page.getByTestId('panel-is-variant').waitFor();
    await screenshot(page, '10-variant-created');
  });

  it('hides what a role may not use: no plugin menu, no tags, pages refused', async () => {
    const role = await createRole(app.strapi, 'Article readers', [
      { action: 'plugin::content-manager.explorer.read', subject: ARTICLE },
    ]);
    const reader = { email: 'reader@example.com', password: 'Reader-password-1' };
    await createAdminUser(app.strapi, reader, [role]);
    await forgetSession(browser, app);
    await logInToAdmin(page, app, reader);

    await page.goto(
      `${app.baseUrl}/admin/content-manager/collection-types/${ARTICLE}/${base.baseId}`
    );
    await page.getByTestId('panel-variants').getByText('premium', { exact: true }).waitFor();
    // Absence checks: give the permission checks time to settle first.
    await page.waitForTimeout(1000);
    expect(await page.getByTestId('panel-tags').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Create variant' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Personalization' }).count()).toBe(0);
    await screenshot(page, '11-reader-panel');

    await page.goto(`${app.baseUrl}${PLUGIN}/templates`);
    await page.getByText("You don't have the permissions to access that content").waitFor();
    expect(await page.getByRole('link', { name: 'Templates' }).count()).toBe(0);
  });
});
