import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import {
  adminLogin,
  createAdminUser,
  superAdminRoleId,
  type AdminCredentials,
} from './admin-users';
import { ROOT, startStrapi, type StartOptions, type TestApp } from './strapi';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(ROOT, 'test-output', 'browser');

/** Flags that keep Chromium quiet on a closed network and fast in CI. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, on a fresh profile that is deleted on close. */
export const launchBrowser = async (): Promise<BrowserSession> => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pz-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 1000 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
};

export interface AdminApp extends TestApp {
  /** http://127.0.0.1:<port> of the listening server. */
  baseUrl: string;
  admin: AdminCredentials;
  /** An admin session token for API calls beside the browser. */
  adminToken: string;
}

const DEFAULT_ADMIN: AdminCredentials = {
  email: 'editor@example.com',
  password: 'Editor-password-1',
};

/**
 * Boots the compiled app with the built admin panel (`npm run build`) on a free port, and creates
 * the first administrator (a super admin) the way the registration form would.
 */
export const startStrapiWithAdmin = async (options: StartOptions = {}): Promise<AdminApp> => {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'build', 'index.html'))) {
    throw new Error('the admin panel is not built: run `npm run build` before the browser tests');
  }
  const app = await startStrapi({
    ...options,
    env: { SERVE_ADMIN_PANEL: 'true', ...options.env },
  });
  const server = app.strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await createAdminUser(app.strapi, DEFAULT_ADMIN, [await superAdminRoleId(app.strapi)]);
  const adminToken = await adminLogin(app, DEFAULT_ADMIN);
  return {
    ...app,
    baseUrl: `http://127.0.0.1:${port}`,
    admin: DEFAULT_ADMIN,
    adminToken,
    async destroy() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.destroy();
    },
  };
};

/** Logs in through the admin's login form (as the first administrator by default). */
export const logInToAdmin = async (
  page: Page,
  app: AdminApp,
  credentials: AdminCredentials = app.admin
): Promise<void> => {
  await page.goto(`${app.baseUrl}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(credentials.email);
  await page.locator('input[name="password"]').fill(credentials.password);
  await page.getByRole('button', { name: /log ?in/i }).click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'));
};

/** Forgets the admin session (cookies and storage), as logging out would. */
export const forgetSession = async (session: BrowserSession, app: AdminApp): Promise<void> => {
  await session.context.clearCookies();
  await session.page.goto(`${app.baseUrl}/admin/auth/login`);
  // A string runs in the page (the tests are compiled without the DOM types).
  await session.page.evaluate('localStorage.clear(); sessionStorage.clear();');
};

/** Saves a full-page screenshot as test-output/browser/<name>.png. */
export const screenshot = async (page: Page, name: string): Promise<string> => {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
};
