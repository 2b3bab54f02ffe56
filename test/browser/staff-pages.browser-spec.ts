import type { Browser } from 'playwright-core';
import { ShadowingService } from '@hotseat/feedback';
import { UsersService } from '@hotseat/identity';
import { createStaff, shadowLink, type TestStaff } from '../support/factories';
import {
  launchBrowser,
  screenshot,
  staffContext,
  startPageApp,
  type PageApp,
} from '../support/browser';

describe('shadow form, scenario library and people, in Chromium', () => {
  let pageApp: PageApp;
  let browser: Browser;
  let admin: TestStaff;

  beforeAll(async () => {
    pageApp = await startPageApp();
    browser = await launchBrowser();
    admin = await createStaff(pageApp.app, 'admin');
  });

  afterAll(async () => {
    await browser?.close();
    await pageApp?.close();
  });

  it('lets a shadow host give and change feedback from the link alone, on a phone', async () => {
    const link = await shadowLink(pageApp.app, admin, 'Sam <i>Rivera</i>');
    const page = await (
      await browser.newContext({ viewport: { width: 375, height: 740 } })
    ).newPage();
    await page.goto(link.url);
    await page.getByRole('heading', { name: 'How did Test Candidate do?' }).waitFor();
    // The host's name is shown as typed, as text.
    await page.getByText('Hi Sam <i>Rivera</i>').waitFor();
    expect(await page.locator('main i').count()).toBe(0);
    await page.getByText('Did they want to know how the product works').waitFor();

    await page.locator('input[name="learning"][value="3"]').check();
    await page.locator('input[name="understanding"][value="4"]').check();
    await page.locator('input[name="engagement"][value="2"]').check();
    await page.locator('textarea[name="learningNotes"]').fill('Asked why refunds take five days');
    await page.getByRole('button', { name: 'Send my feedback' }).click();
    await page.getByRole('status').filter({ hasText: 'Your feedback is saved' }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await screenshot(page, 'shadow-form');

    // Reopened, the form shows the answers; a change replaces them.
    await page.reload();
    expect(await page.locator('input[name="understanding"][value="4"]').isChecked()).toBe(true);
    expect(await page.locator('textarea[name="learningNotes"]').inputValue()).toBe(
      'Asked why refunds take five days',
    );
    await page.locator('input[name="engagement"][value="4"]').check();
    await page.getByRole('button', { name: 'Send my feedback' }).click();
    await page.getByRole('status').filter({ hasText: 'Your feedback is saved' }).waitFor();
    const [stored] = await pageApp.app.get(ShadowingService).forCandidates([link.candidate.id]);
    expect(stored).toMatchObject({
      hostName: 'Sam <i>Rivera</i>',
      learning: { score: 3, notes: 'Asked why refunds take five days' },
      engagement: { score: 4 },
    });

    await page.goto(`${pageApp.url}/shadow/hsl_not-a-real-link`);
    await page.getByRole('heading', { name: 'This link no longer works' }).waitFor();
  });

  it('lists the scenarios and shows one script read-only', async () => {
    const page = await (await staffContext(browser, pageApp, admin)).newPage();
    await page.goto(`${pageApp.url}/scenarios`);
    await page.getByRole('heading', { name: 'Ready to use' }).waitFor();
    expect(await page.locator('main li .status', { hasText: 'valid' }).count()).toBe(7);
    await page.getByRole('link', { name: 'Charged ten times for one concert ticket' }).click();
    await page.getByRole('heading', { name: 'Beats' }).waitFor();
    await page.getByText('Dana Whitfield').first().waitFor();
    // Read-only: the only form is the practice room's button.
    expect(await page.locator('main textarea, main form:not(#practice-link)').count()).toBe(0);
    // Each beat says when Hotseat suggests it, in words.
    const silence = page.locator('tbody tr', { hasText: 'Hello?? Is anyone actually there?' });
    expect(await silence.locator('td').nth(1).textContent()).toBe('no reply for 60 s');
    await screenshot(page, 'scenario-library');
  });

  it('opens a practice link for any scenario, which plays the customer by itself', async () => {
    const staffPage = await (await staffContext(browser, pageApp, admin)).newPage();
    await staffPage.goto(`${pageApp.url}/scenarios/charged-ten-times`);
    await staffPage.getByRole('button', { name: 'Open a practice link' }).click();
    const link = staffPage.getByLabel('Practice link');
    await link.waitFor();
    const url = await link.inputValue();
    expect(url).toMatch(/\/join\/\S{40,}$/);

    // Whoever opens it starts it themselves and meets the customer's opening: no interviewer needed.
    const guest = await (await browser.newContext()).newPage();
    await guest.goto(url);
    await guest.getByRole('button', { name: 'Start the practice' }).click();
    await guest.getByText('TEN charges').first().waitFor({ timeout: 15_000 });

    // The console watches it.
    await staffPage.getByRole('link', { name: 'Watch in the console' }).click();
    await staffPage.getByText('TEN charges').first().waitFor();
    await screenshot(staffPage, 'practice-watched');
  });

  it('lets an admin add, promote and disable a staff account, and nobody else', async () => {
    const page = await (await staffContext(browser, pageApp, admin)).newPage();
    await page.goto(`${pageApp.url}/users`);
    const form = page.locator('#add-user');
    await form.getByLabel('Name').fill('Nora Night');
    await form.getByLabel('Email').fill('nora@example.com');
    await form.getByRole('button', { name: 'Add the account' }).click();
    await page.locator('#created').waitFor();
    expect((await page.getByLabel('New password').inputValue()).length).toBeGreaterThanOrEqual(10);

    await page.reload();
    const row = page.locator('#users tr', { hasText: 'nora@example.com' });
    await row.getByRole('combobox').selectOption('manager');
    await row.getByRole('button', { name: 'Disable' }).click();
    await row.getByRole('button', { name: 'Enable' }).waitFor();
    const users = await pageApp.app.get(UsersService).list();
    expect(users.find((u) => u.email === 'nora@example.com')).toMatchObject({
      role: 'manager',
      disabled: true,
    });
    await screenshot(page, 'people');

    const interviewer = await createStaff(pageApp.app, 'interviewer');
    const other = await (await staffContext(browser, pageApp, interviewer)).newPage();
    const response = await other.goto(`${pageApp.url}/users`);
    expect(response?.status()).toBe(403);
    expect(await other.locator('nav').getByText('People').count()).toBe(0);
  });
});
