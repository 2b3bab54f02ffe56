import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { createStaff, scheduleSession, type TestStaff } from '../support/factories';
import { RoleplayClient } from '../support/roleplay-client';
import {
  launchBrowser,
  screenshot,
  SCREENSHOT_DIR,
  startPageApp,
  type PageApp,
} from '../support/browser';

/** A phone with a touch screen, as a candidate opening the link from their email would hold it. */
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 900 } };
/** The shipped practice scenario's opening line, and its answer to an apology. */
const OPENING = /delivered to my OLD address/;
const SORRY_ACCEPTED = /Thanks, I appreciate that/;
/** A required step of the practice scenario: part of the answer key, shown only in the debrief. */
const RESHIP_STEP = 'Reships the order to her new address on file';

describe('the practice room, in Chromium', () => {
  let pageApp: PageApp;
  let browser: Browser;
  let interviewer: TestStaff;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    pageApp = await startPageApp();
    browser = await launchBrowser();
    interviewer = await createStaff(pageApp.app, 'interviewer');
  });

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await pageApp?.close();
  });

  /** A scheduled live role-play, its candidate's room open on `device`. */
  async function openLiveRoom(device: Parameters<Browser['newContext']>[0]) {
    const session = await scheduleSession(pageApp.app, interviewer);
    const context = await browser.newContext(device);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(session.candidateUrl);
    return { page, session, livePath: new URL(session.candidateUrl).pathname };
  }

  /** From the live room's briefing to the practice room's, in the same tab. */
  async function practiseFirst(page: Page, livePath: string) {
    await page.getByRole('button', { name: 'Practise first' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/join/') && url.pathname !== livePath);
    await page.getByRole('heading', { name: 'Your practice chat' }).waitFor();
  }

  const bubbles = (page: Page) => page.locator('#messages .bubble:not(.system):not(.outgoing)');
  const customerSays = (page: Page, text: RegExp) =>
    page.locator('#messages .bubble:not(.mine):not(.system)').filter({ hasText: text });

  async function say(page: Page, text: string) {
    await page.getByLabel('Your reply').fill(text);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('#messages .bubble.mine').filter({ hasText: text }).waitFor();
  }

  /** What the phone's screen shows right now (not the whole page, as `screenshot` saves). */
  async function screenShot(page: Page, name: string) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
  }

  const roomText = async (page: Page) =>
    `${await page.locator('main').textContent()} ${await page.locator('#room-data').textContent()}`;

  it('offers a practice on a phone, plays the customer, ends it on request and debriefs', async () => {
    const { page, livePath } = await openLiveRoom(PHONE);
    const offer = page.getByRole('complementary', { name: 'Want a warm-up first?' });
    await offer.waitFor();
    expect(await offer.textContent()).toMatch(/5-minute practice.*Nothing is scored/);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(page, 'practice-offer-phone');

    await practiseFirst(page, livePath);
    await page.locator('#briefing').getByText('Practice', { exact: true }).waitFor();
    await screenshot(page, 'practice-briefing-phone');
    await page.getByRole('button', { name: 'Start the practice' }).click();

    // No interviewer: the script starts it and says the opening.
    await customerSays(page, OPENING).waitFor();
    const head = page.locator('#room-head');
    await head.getByText('Practice', { exact: true }).waitFor();
    expect(await page.locator('#time-left').textContent()).toMatch(/^0[45]:[0-5]\d$/);
    // The way back is there all along, quietly: under the chat on a phone, to keep the head small.
    const quietBack = page.locator('#chat-panel .quiet-back').getByRole('link');
    expect(await quietBack.textContent()).toBe('Back to your role-play');
    expect(await quietBack.isVisible()).toBe(true);
    expect(await head.getByRole('link', { name: 'Back to your role-play' }).isVisible()).toBe(
      false,
    );
    await screenShot(page, 'practice-head-phone');
    expect((await head.locator('.room-bar').boundingBox())!.height).toBeLessThan(50);
    // Nothing of the answer key before the end.
    expect(await roomText(page)).not.toContain(RESHIP_STEP);

    await say(page, "I'm so sorry about the mix-up with your order.");
    const typing = page.getByText('The customer is typing…');
    await typing.waitFor();
    expect(await customerSays(page, SORRY_ACCEPTED).count()).toBe(0);
    await customerSays(page, SORRY_ACCEPTED).waitFor();
    await typing.waitFor({ state: 'hidden' });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenShot(page, 'practice-room-phone');

    // Ending it asks first.
    await page.getByRole('button', { name: 'End practice' }).tap();
    const confirm = page.getByRole('group', { name: /End the practice now/ });
    await confirm.getByRole('button', { name: 'Keep practising' }).tap();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'End practice' }).tap();
    await confirm.getByRole('button', { name: 'Yes, end it' }).tap();

    const debrief = page.getByRole('region', { name: 'How your practice went' });
    await debrief.getByText('You met 0 of the 2 required steps.', { exact: false }).waitFor();
    await debrief.getByText('You wrote 1 message to the customer.').waitFor();
    expect(
      await debrief.getByRole('listitem').filter({ hasText: RESHIP_STEP }).textContent(),
    ).toMatch(/Not this time$/);
    expect(await page.locator('#composer').isHidden()).toBe(true);
    expect(await page.locator('#time-left').textContent()).toBe('Practice over');
    expect(await page.getByRole('button', { name: 'End practice' }).count()).toBe(0);
    await screenShot(page, 'practice-debrief-phone');

    await debrief.getByRole('link', { name: 'Back to your role-play' }).tap();
    await page.waitForURL((url) => url.pathname === livePath);
    await page.getByRole('heading', { name: 'Your support chat' }).waitFor();
    expect(await page.getByRole('button', { name: "I'm ready" }).isVisible()).toBe(true);
  });

  it('ends by itself on a desktop once every required step is done, then says so', async () => {
    const { page, livePath } = await openLiveRoom(DESKTOP);
    await practiseFirst(page, livePath);
    await page.getByRole('button', { name: 'Start the practice' }).click();
    await customerSays(page, OPENING).waitFor();
    await screenshot(page, 'practice-room-desktop');

    const desk = page.locator('#desk');
    await desk.getByRole('button', { name: /^Shipments for/ }).click();
    await page.locator('#record-actions').getByRole('button', { name: 'Reship' }).click();
    const reship: Locator = page.getByRole('form', { name: /Reship/ });
    await reship.getByLabel('Reason').selectOption('Sent to an old address');
    await reship.getByRole('button', { name: 'Confirm' }).click();
    await page
      .locator('#action-result')
      .filter({ hasText: /on its way to 7 Harbour Lane/ })
      .waitFor();
    expect(await roomText(page)).not.toContain(RESHIP_STEP);

    await desk.getByText('Email the customer').click();
    const email = page.locator('#desk-email');
    await email.getByLabel('Subject').fill('Your lamp is on its way to 7 Harbour Lane');
    await email
      .getByLabel('Message')
      .fill(
        'Hi Maya, a new lamp is on its way to 7 Harbour Lane: tracking PPT-558377, arriving Tuesday 10 June.',
      );
    await email.getByRole('button', { name: 'Send the email' }).click();

    const debrief = page.getByRole('region', { name: 'How your practice went' });
    await debrief.getByText('You met both required steps.', { exact: false }).waitFor({
      timeout: 30_000,
    });
    await debrief
      .getByText('On the customer’s records, you used “Reship to the address on file”.')
      .waitFor();
    await debrief.getByText('You emailed the customer once.').waitFor();
    expect(
      await debrief.getByRole('listitem').filter({ hasText: RESHIP_STEP }).textContent(),
    ).toMatch(/Done$/);
    await page.getByText('The practice has ended.').waitFor();
    // The head stays in view, with its way back.
    expect(
      await page
        .locator('#room-head')
        .getByRole('link', { name: 'Back to your role-play' })
        .isVisible(),
    ).toBe(true);
    await screenShot(page, 'practice-debrief-desktop');

    await debrief.getByRole('link', { name: 'Back to your role-play' }).click();
    await page.waitForURL((url) => url.pathname === livePath);
    expect(await bubbles(page).count()).toBe(0);
  });

  it('says why when the practice cannot be opened, and keeps the role-play ready', async () => {
    const { page, session } = await openLiveRoom(DESKTOP);
    await page.getByRole('button', { name: 'Practise first' }).waitFor();
    // Practised three times meanwhile (another tab): the fourth is refused. Each practice takes
    // its place once it has started (an unstarted one would be offered again).
    for (let n = 0; n < 3; n += 1) {
      const made = await fetch(`${pageApp.url}/api/sessions/${session.id}/practice`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.candidateToken}` },
      });
      expect(made.status).toBe(201);
      const { candidateToken } = (await made.json()) as { candidateToken: string };
      const practising = await RoleplayClient.connect(pageApp.url, { token: candidateToken });
      await practising.next('chat.message');
      practising.close();
    }
    await page.getByRole('button', { name: 'Practise first' }).click();
    await page.getByRole('alert').filter({ hasText: 'practised 3 times already' }).waitFor();
    expect(await page.getByRole('button', { name: 'Practise first' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: "I'm ready" }).isEnabled()).toBe(true);
    expect(new URL(page.url()).pathname).toBe(new URL(session.candidateUrl).pathname);
  });
});
