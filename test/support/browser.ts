import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadEnvironment } from '@hotseat/config';
import { createApp } from '../../apps/server/src/create-app';
import { freePort } from './server-process';
import { createTestDatabase, type TestDatabase } from './test-database';
import { staffToken, type TestStaff } from './factories';

/** Where page tests save their screenshots; `.ci/run` prints it. */
export const SCREENSHOT_DIR = resolve(__dirname, '../../test-output/screenshots');

/** Debian's Chromium; a test never downloads a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface PageApp {
  app: Awaited<ReturnType<typeof createApp>>;
  /** The address the app listens at, http://127.0.0.1:<port>, where the tests open its pages. */
  url: string;
  /** Its PUBLIC_URL, where links lead: `url` unless the test asked for another host name. */
  publicUrl: string;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * The real app on a fresh test database, listening where PUBLIC_URL says; with `publicHost`
 * ("localhost"), PUBLIC_URL names that host instead, as when Hotseat is opened by another address.
 */
export async function startPageApp({ publicHost = '127.0.0.1' } = {}): Promise<PageApp> {
  const database = await createTestDatabase();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const publicUrl = `http://${publicHost}:${port}`;
  const app = await createApp(
    loadEnvironment({
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      LOG_FORMAT: 'json',
      ...database.environment,
      PUBLIC_URL: publicUrl,
    }),
  );
  await app.listen(port, '127.0.0.1');
  return {
    app,
    url,
    publicUrl,
    database,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A browser context signed in as `staff` (the session cookie, as the login page would set it). */
export async function staffContext(
  browser: Browser,
  pageApp: PageApp,
  staff: TestStaff,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.addCookies([
    {
      name: 'hotseat_session',
      value: await staffToken(pageApp.app, staff),
      url: pageApp.url,
      httpOnly: true,
      sameSite: 'Lax',
    },
  ]);
  return context;
}

/** Saves a full-page screenshot as test-output/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
