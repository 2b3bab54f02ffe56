import type { Browser } from 'playwright-core';
import { createStaff } from '../support/factories';
import { launchBrowser, screenshot, startPageApp, type PageApp } from '../support/browser';

describe('login and the dashboard, in Chromium', () => {
  let pageApp: PageApp;
  let browser: Browser;

  beforeAll(async () => {
    pageApp = await startPageApp();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await pageApp?.close();
  });

  it('logs in, adds a candidate and starts a role-play whose link can be copied', async () => {
    const manager = await createStaff(pageApp.app, 'manager');
    const page = await (await browser.newContext()).newPage();

    await page.goto(`${pageApp.url}/`);
    await page.waitForURL(/\/login\?next=%2F$/);
    await page.getByLabel('Email').fill(manager.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /email or password/i })
      .waitFor();
    await screenshot(page, 'login');
    await page.getByLabel('Password').fill(manager.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();

    await page.getByLabel('Title').fill('Support agent, nights');
    await page.locator('input[name="scenarioIds"][value="charged-ten-times"]').check();
    await page.getByRole('button', { name: 'Add the opening' }).click();
    await page.getByRole('listitem').filter({ hasText: 'Support agent, nights' }).waitFor();

    await page.getByLabel('Name').fill('Ada <b>Lovelace</b>');
    await page.getByLabel('Email').fill('ada@example.com');
    await page
      .locator('#add-candidate select[name="openingId"]')
      .selectOption({ label: 'Support agent, nights' });
    await page.getByRole('button', { name: 'Add the candidate' }).click();
    // Typed markup is shown as text, never run.
    await page.getByRole('link', { name: 'Ada <b>Lovelace</b>' }).waitFor();
    expect(await page.locator('#candidates b').count()).toBe(0);

    await page
      .locator('#start-roleplay select[name="scenarioId"]')
      .selectOption('charged-ten-times');
    await page.getByRole('button', { name: 'Start a role-play' }).click();
    await page.locator('#started').waitFor();
    const link = await page.getByLabel('Candidate link').inputValue();
    expect(link).toMatch(new RegExp(`^${pageApp.url}/join/hsl_`));
    await screenshot(page, 'dashboard');
  });
});
