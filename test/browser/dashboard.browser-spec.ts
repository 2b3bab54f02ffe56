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

  it('after logging in, goes only to a page of this site, whatever `next` says', async () => {
    const interviewer = await createStaff(pageApp.app, 'interviewer');
    for (const next of [
      '/\\evil.example/x',
      '/\t/evil.example/y',
      '//evil.example/z',
      'https://evil.example/',
    ]) {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${pageApp.url}/login?next=${encodeURIComponent(next)}`);
      await page.getByLabel('Email').fill(interviewer.email);
      await page.getByLabel('Password').fill(interviewer.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForLoadState('load');
      await page.waitForURL(
        (url) => url.origin === pageApp.url && !url.pathname.startsWith('/login'),
      );
      expect(new URL(page.url()).origin).toBe(pageApp.url);
      // Interviewers are not offered the comparison, which is for hiring managers.
      expect(await page.locator('nav').getByText('Compare').count()).toBe(0);
      await page.context().close();
    }
  });
});
