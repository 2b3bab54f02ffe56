import type { Browser, Page } from 'playwright-core';
import { createStaff } from '../support/factories';
import { launchBrowser, screenshot, startPageApp, type PageApp } from '../support/browser';

/** Hotseat opened at http://127.0.0.1:PORT while PUBLIC_URL says http://localhost:PORT. */
describe('Hotseat opened at another address than PUBLIC_URL, in Chromium', () => {
  let pageApp: PageApp;
  let browser: Browser;

  beforeAll(async () => {
    pageApp = await startPageApp({ publicHost: 'localhost' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await pageApp?.close();
  });

  const startButton = (page: Page) => page.getByRole('button', { name: 'Start the role-play' });

  it('logs in, warns staff on the dashboard, and runs the live chat on both sides', async () => {
    const interviewer = await createStaff(pageApp.app, 'interviewer');
    const desk = await (await browser.newContext()).newPage();

    // The login cookie and the CSRF token work at this address too.
    await desk.goto(`${pageApp.url}/`);
    await desk.waitForURL(/\/login/);
    await desk.getByLabel('Email').fill(interviewer.email);
    await desk.getByLabel('Password').fill(interviewer.password);
    await desk.getByRole('button', { name: 'Log in' }).click();
    await desk.getByRole('heading', { name: 'Dashboard' }).waitFor();

    const notice = desk.locator('#address-notice');
    expect(await notice.textContent()).toContain(
      `You opened Hotseat at ${new URL(pageApp.url).host}`,
    );
    expect(await notice.textContent()).toContain(`made for ${pageApp.publicUrl} (PUBLIC_URL)`);

    const addCandidate = desk.locator('#add-candidate');
    await addCandidate.getByLabel('Name').fill('Grace Hopper');
    await addCandidate.getByLabel('Email').fill('grace@example.com');
    await addCandidate.getByRole('button', { name: 'Add the candidate' }).click();
    await desk.getByRole('link', { name: 'Grace Hopper' }).waitFor();
    await desk
      .locator('#start-roleplay select[name="scenarioId"]')
      .selectOption('charged-ten-times');
    await desk.getByRole('button', { name: 'Start a role-play' }).click();
    await desk.locator('#started').waitFor();
    const candidateUrl = await desk.getByLabel('Candidate link').inputValue();
    expect(candidateUrl.startsWith(`${pageApp.publicUrl}/join/`)).toBe(true);
    await screenshot(desk, 'dashboard-other-address');

    // The console at 127.0.0.1 connects: Start is enabled once the connection is up.
    await desk.getByRole('link', { name: 'Open the interviewer console' }).click();
    await desk.waitForURL(/\/sessions\/[0-9a-f-]{36}$/);
    await startButton(desk).waitFor();
    await desk.locator('#start:enabled').waitFor();
    expect(await desk.locator('#connection').isHidden()).toBe(true);

    // So does the candidate's room, opened at the same address as the console.
    const room = await (await browser.newContext()).newPage();
    await room.goto(candidateUrl.replace(pageApp.publicUrl, pageApp.url));
    await room.getByRole('button', { name: "I'm ready" }).click();
    await desk.getByText('Candidate connected').waitFor();
    await startButton(desk).click();
    await room
      .locator('.bubble:not(.system)')
      .filter({ hasText: /TEN charges/ })
      .waitFor();
    expect(await desk.locator('#status').textContent()).toBe('Live');
    expect(await room.locator('#connection').isHidden()).toBe(true);
  });

  it('disables the session’s buttons while the console is not connected', async () => {
    const interviewer = await createStaff(pageApp.app, 'interviewer');
    const context = await browser.newContext();
    const desk = await context.newPage();
    await desk.goto(`${pageApp.url}/login`);
    await desk.getByLabel('Email').fill(interviewer.email);
    await desk.getByLabel('Password').fill(interviewer.password);
    await desk.getByRole('button', { name: 'Log in' }).click();
    await desk.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await desk.locator('#add-candidate').getByLabel('Name').fill('Alan Turing');
    await desk.locator('#add-candidate').getByLabel('Email').fill('alan@example.com');
    await desk.getByRole('button', { name: 'Add the candidate' }).click();
    await desk.getByRole('link', { name: 'Alan Turing' }).waitFor();
    await desk.getByRole('button', { name: 'Start a role-play' }).click();
    await desk.getByRole('link', { name: 'Open the interviewer console' }).click();
    await desk.waitForURL(/\/sessions\/[0-9a-f-]{36}$/);
    await desk.locator('#start:enabled').waitFor();

    // Logging out in another tab closes this console's connection for good.
    const other = await context.newPage();
    await other.goto(`${pageApp.url}/`);
    await other.getByRole('button', { name: 'Log out' }).click();
    await other.waitForURL(/\/login/);
    // "Your session has ended", or, when the logout's cleared cookie is already gone from the
    // reconnecting handshake, "You are not logged in": both say what to do.
    await desk
      .locator('#connection')
      .filter({ hasText: /log in again/i })
      .waitFor();
    expect(await startButton(desk).isDisabled()).toBe(true);
    await screenshot(desk, 'console-not-connected');
  });
});
