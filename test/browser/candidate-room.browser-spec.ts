import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { CapabilityLink } from '@hotseat/identity';
import {
  createStaff,
  issueLink,
  scheduleSession,
  staffToken,
  type TestStaff,
} from '../support/factories';
import {
  launchBrowser,
  screenshot,
  SCREENSHOT_DIR,
  startPageApp,
  type PageApp,
} from '../support/browser';
import { RoleplayClient } from '../support/roleplay-client';

const PHONE = { width: 375, height: 740 };
/** A phone with a touch screen, as a candidate opening the link from their email would hold it. */
const TOUCH_PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const OPENING = /TEN charges/;

describe('the candidate room, in Chromium', () => {
  let pageApp: PageApp;
  let browser: Browser;
  let interviewer: TestStaff;
  const opened: Array<{ context: BrowserContext; customer: RoleplayClient }> = [];

  beforeAll(async () => {
    pageApp = await startPageApp();
    browser = await launchBrowser();
    interviewer = await createStaff(pageApp.app, 'interviewer');
  });

  afterEach(async () => {
    for (const { context, customer } of opened.splice(0)) {
      customer.close();
      await context.close();
    }
  });

  afterAll(async () => {
    await browser?.close();
    await pageApp?.close();
  });

  /** A scheduled role-play: the candidate's page on a phone, and the interviewer's socket. */
  async function openRoom(device: Parameters<Browser['newContext']>[0] = { viewport: PHONE }) {
    const session = await scheduleSession(pageApp.app, interviewer);
    const context = await browser.newContext(device);
    const page = await context.newPage();
    const customer = await RoleplayClient.connect(pageApp.url, {
      token: await staffToken(pageApp.app, interviewer),
      sessionId: session.id,
    });
    opened.push({ context, customer });
    await page.goto(session.candidateUrl);
    return { page, context, customer, session };
  }

  it('tells a candidate still reading the briefing that the customer has arrived', async () => {
    const { page, customer } = await openRoom();
    const arrived = page
      .getByRole('status')
      .filter({ hasText: 'The customer is here and waiting' });
    expect(await arrived.isHidden()).toBe(true);
    expect((await customer.act('session:start')).ok).toBe(true);
    await arrived.waitFor();
    await page.getByRole('button', { name: "I'm ready" }).click();
    await bubbles(page).filter({ hasText: OPENING }).waitFor();
  });

  /** Past the briefing, with the session started and the opening line on screen. */
  async function openChat(device?: Parameters<Browser['newContext']>[0]) {
    const room = await openRoom(device);
    await room.page.getByRole('button', { name: "I'm ready" }).click();
    expect((await room.customer.act('session:start')).ok).toBe(true);
    await bubbles(room.page).filter({ hasText: OPENING }).waitFor();
    return room;
  }

  /** Chat bubbles, without the system lines ("The chat started"). */
  const bubbles = (page: Page) => page.locator('#messages .bubble:not(.system):not(.outgoing)');

  /** Presses Tab until the element matching `selector` has the focus. */
  async function tabTo(page: Page, selector: string) {
    for (let presses = 0; presses < 20; presses += 1) {
      if (
        await page.locator(selector).evaluate((node) => node.ownerDocument.activeElement === node)
      )
        return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${selector}`);
  }

  const candidateMessages = (customer: RoleplayClient, text: string) =>
    customer
      .ordered()
      .filter(
        (event) =>
          event.type === 'chat.message' &&
          event.actor === 'candidate' &&
          (event.payload as { text: string }).text === text,
      );

  it('shows the briefing, then the chat, used with the keyboard alone on a phone', async () => {
    const { page, customer } = await openRoom();
    await page.getByRole('heading', { name: 'Your support chat' }).waitFor();
    await page.getByText('Today you help the customers of Tixly.').waitFor();
    await page
      .locator('#briefing .briefing')
      .getByText('You are a support agent at Tixly')
      .waitFor();
    await page.getByText('You will have 20 minutes').waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await screenshot(page, 'candidate-briefing');

    await tabTo(page, '#ready');
    await page.keyboard.press('Enter');
    const waiting = page.getByText('Waiting for the customer to arrive…');
    await waiting.waitFor();
    expect(await page.locator('#briefing').isHidden()).toBe(true);
    expect(await page.locator('#reply').isDisabled()).toBe(true);

    expect((await customer.act('session:start')).ok).toBe(true);
    await bubbles(page).filter({ hasText: OPENING }).waitFor();
    await waiting.waitFor({ state: 'hidden' });

    expect((await customer.emit('typing', { typing: true })).ok).toBe(true);
    const typing = page.getByText('The customer is typing…');
    await typing.waitFor();
    expect((await customer.emit('typing', { typing: false })).ok).toBe(true);
    await typing.waitFor({ state: 'hidden' });

    await tabTo(page, '#reply');
    // With a keyboard (no touch screen), the hint says how to start a new line.
    expect(await page.getByText('Enter sends; Shift+Enter starts a new line.').isVisible()).toBe(
      true,
    );
    await page.keyboard.type("I'm so sorry, that's on us.");
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('Let me find those charges.');
    await customer.until(
      () => customer.typing.some((t) => t.actor === 'candidate' && t.typing),
      'the candidate typing',
    );
    await page.keyboard.press('Enter');
    const reply = "I'm so sorry, that's on us.\nLet me find those charges.";
    await customer.next('chat.message', (event) => event.actor === 'candidate');
    expect(candidateMessages(customer, reply)).toHaveLength(1);
    await page.locator('#messages .bubble.mine').filter({ hasText: 'Let me find' }).waitFor();
    expect(await page.locator('#reply').inputValue()).toBe('');
    // Sending ends the typing burst at once.
    await customer.until(
      () =>
        customer.typing.at(-1)?.actor === 'candidate' && customer.typing.at(-1)?.typing === false,
      'the candidate to stop typing',
    );

    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await screenshot(page, 'candidate-room');

    expect((await customer.act('session:end')).ok).toBe(true);
    await page.getByText('The chat has ended. Thank you for taking part!').waitFor();
    // Nothing more to send: the reply box gives its place to the end.
    expect(await page.locator('#reply').isDisabled()).toBe(true);
    expect(await page.locator('#composer').isHidden()).toBe(true);
  });

  it('shows markup from the customer and from a help search as text, never runs it', async () => {
    const { page, customer } = await openChat();
    const attack = '<img src=x onerror="window.__xss=1">';
    expect((await customer.act('chat:send', { text: attack })).ok).toBe(true);
    await bubbles(page).filter({ hasText: attack }).waitFor();

    const query = '<script>window.__xss=2</script>';
    // On a phone the help center is a tab of its own (desk.browser-spec.ts tests the tabs).
    await page.getByRole('tab', { name: 'Help center' }).click();
    await page.getByLabel('Search the help center').fill(query);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText(`No articles match “${query}”`).waitFor();
    await customer.next('help.searched', (event) => event.payload.query === query);

    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(await page.locator('#messages img').count()).toBe(0);
    expect(await page.locator('#help script').count()).toBe(0);
  });

  it('searches the help center, reads an article and goes back, the interviewer seeing it all', async () => {
    const { page, customer } = await openChat();
    await page.getByRole('tab', { name: 'Help center' }).click();
    await page.getByLabel('Search the help center').fill('refund');
    await page.keyboard.press('Enter');
    const results = page.locator('#help-results li');
    await results.first().waitFor();
    // Matches are highlighted, as <mark> elements holding the matched words.
    const marks = await page.locator('#help-results mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) expect(mark).toMatch(/refund/i);
    const searched = await customer.next('help.searched', (e) => e.payload.query === 'refund');
    const found = (searched.payload as { results: string[] }).results;
    expect(await results.count()).toBe(found.length);

    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await screenshot(page, 'candidate-help');
    const first = results.first().getByRole('button');
    const title = (await first.textContent())!;
    await first.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: title, level: 3 }).waitFor();
    expect(await page.locator('#article-body').textContent()).toMatch(/refund/i);
    expect(await results.first().isHidden()).toBe(true);
    const openedEvent = await customer.next('help.opened');
    expect(openedEvent.payload).toEqual({ articleId: found[0], title });
    // The article (tables included) stays within the phone's width.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);

    await page.getByRole('button', { name: 'Back to results' }).click();
    await results.first().waitFor();
    expect(await page.locator('#help-article').isHidden()).toBe(true);
    // Focus returns to the result that was open, for keyboard users.
    expect(await page.evaluate('document.activeElement.textContent')).toBe(title);
    const closed = await customer.next('help.closed');
    expect(closed.payload).toEqual({ articleId: found[0] });
  });

  it('shows a banner while offline, then every message exactly once, in order', async () => {
    const { page, context, customer } = await openChat();
    expect((await customer.act('chat:send', { text: 'Before the drop' })).ok).toBe(true);
    await bubbles(page).filter({ hasText: 'Before the drop' }).waitFor();

    await context.setOffline(true);
    const banner = page
      .getByRole('status')
      .filter({ hasText: 'Reconnecting… your messages are safe.' });
    await banner.waitFor();
    for (const text of ['Hello??', 'Is anyone actually there?']) {
      expect((await customer.act('chat:send', { text })).ok).toBe(true);
    }
    await page.getByLabel('Your reply').fill('Still here, one moment');
    await page.keyboard.press('Enter');
    await page.getByText('Your message will be sent as soon as the connection is back.').waitFor();
    // Nothing got through while the line was down.
    expect(await bubbles(page).count()).toBe(2);

    await context.setOffline(false);
    await banner.waitFor({ state: 'hidden' });
    await customer.next(
      'chat.message',
      (event) => (event.payload as { text: string }).text === 'Still here, one moment',
    );
    await bubbles(page).filter({ hasText: 'Still here' }).waitFor();
    expect(await bubbles(page).locator('.said').allTextContents()).toEqual([
      expect.stringMatching(OPENING),
      'Before the drop',
      'Hello??',
      'Is anyone actually there?',
      'Still here, one moment',
    ]);
    expect(candidateMessages(customer, 'Still here, one moment')).toHaveLength(1);

    // Reopened mid-chat, the page goes straight to the chat and rebuilds it from the log.
    await page.reload();
    await bubbles(page).filter({ hasText: 'Still here' }).waitFor();
    expect(await page.locator('#briefing').isHidden()).toBe(true);
    expect(await bubbles(page).count()).toBe(5);
    expect(await page.locator('#reply').isEnabled()).toBe(true);
  });

  it('reports pastes and leaving the tab to the interviewer, and nothing to the candidate', async () => {
    const { page, context, customer } = await openChat();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: pageApp.url });
    await page.evaluate("navigator.clipboard.writeText('A canned answer')");
    await page.getByLabel('Your reply').focus();
    await page.keyboard.press('ControlOrMeta+V');
    expect(await page.getByLabel('Your reply').inputValue()).toBe('A canned answer');
    await customer.next('candidate.pasted');

    for (const state of ['hidden', 'visible']) {
      // Headless Chromium never hides the page: override what the page reads, then tell it.
      await page.evaluate(`
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => '${state}' });
        document.dispatchEvent(new Event('visibilitychange'));
      `);
    }
    await customer.next('candidate.back');
    const flags = customer
      .ordered()
      .filter((event) => event.type.startsWith('candidate.'))
      .map((event) => event.type);
    expect(flags).toEqual(['candidate.pasted', 'candidate.away', 'candidate.back']);
    expect(await page.locator('main').textContent()).not.toMatch(/paste|away|left the tab/i);
  });

  it('says plainly that the link no longer works when staff revoke it mid-chat', async () => {
    const { page, session } = await openChat();
    const revoked = await fetch(`${pageApp.url}/api/sessions/${session.id}/candidate-link`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${await staffToken(pageApp.app, interviewer)}` },
    });
    expect(revoked.status).toBe(204);

    await page
      .getByRole('status')
      .filter({
        hasText:
          'This link no longer works. If you think this is a mistake, reply to the email that sent it.',
      })
      .waitFor();
    expect(await page.getByText('Reconnecting').count()).toBe(0);
    expect(await page.locator('#reply').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await screenshot(page, 'candidate-link-revoked');
  });

  it('shows a friendly page for a garbage or an expired link', async () => {
    const page = await browser.newPage();
    const garbage = await page.goto(`${pageApp.url}/join/hsl_not-a-real-link`);
    expect(garbage?.status()).toBe(404);
    await page.getByRole('heading', { name: 'This link no longer works' }).waitFor();

    const { token, link } = await issueLink(pageApp.app, 'candidate');
    await pageApp.app
      .get(DataSource)
      .getRepository(CapabilityLink)
      .update(link.id, { expiresAt: new Date(Date.now() - 60_000) });
    const expired = await page.goto(`${pageApp.url}/join/${token}`);
    expect(expired?.status()).toBe(404);
    await page.getByRole('heading', { name: 'This link no longer works' }).waitFor();
    await page.getByText('Ask the person who sent it to you for a new link.').waitFor();
    await page.close();
  });

  /** Where `selector` is on screen, and where the sticky head ends, in CSS pixels. */
  function placeOf(page: Page, selector: string) {
    return page.locator(selector).evaluate((node) => {
      const box = node.getBoundingClientRect();
      const head = node.ownerDocument.getElementById('room-top')!.getBoundingClientRect();
      return {
        top: Math.round(box.top),
        bottom: Math.round(box.bottom),
        headBottom: Math.round(head.bottom),
        screen: node.ownerDocument.defaultView!.innerHeight,
      };
    });
  }

  /** What the phone's screen shows right now (not the whole page, as `screenshot` saves). */
  async function screenShot(page: Page, name: string) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
  }

  const scrollToBottom = (page: Page) =>
    page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');

  async function searchHelp(page: Page, query: string) {
    await page.getByRole('tab', { name: 'Help center' }).click();
    await page.getByLabel('Search the help center').fill(query);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('#help-results li').first().waitFor();
  }

  it('keeps the time left at the top of a touch phone, however long the chat and on any tab', async () => {
    const { page, customer } = await openChat(TOUCH_PHONE);
    for (let n = 1; n <= 25; n += 1) {
      expect((await customer.act('chat:send', { text: `Complaint, part ${n}` })).ok).toBe(true);
    }
    await bubbles(page).filter({ hasText: 'Complaint, part 25' }).waitFor();
    const timeLeft = page.locator('#time-left');
    expect(await timeLeft.textContent()).toMatch(/^(19:[0-5]\d|20:00)$/);
    // No Shift+Enter on a touch keyboard: its Enter key says "send" instead.
    expect(await page.locator('#reply-hint').isHidden()).toBe(true);
    expect(await page.locator('#reply').getAttribute('enterkeyhint')).toBe('send');

    await page.getByLabel('Your reply').focus();
    await scrollToBottom(page);
    const inChat = await placeOf(page, '#time-left');
    expect(inChat.top).toBeGreaterThanOrEqual(0);
    expect(inChat.bottom).toBeLessThan(80);
    await screenShot(page, 'candidate-phone-chat');

    await searchHelp(page, 'refund');
    await page.locator('#help-results li').first().getByRole('button').click();
    await page.locator('#article-body').waitFor();
    await scrollToBottom(page);
    expect(await page.evaluate('window.scrollY')).toBeGreaterThan(0);
    const inHelp = await placeOf(page, '#time-left');
    expect(inHelp.top).toBeGreaterThanOrEqual(0);
    expect(inHelp.bottom).toBeLessThan(80);
    expect(await page.getByRole('tab', { name: 'Help center' }).isVisible()).toBe(true);
    await screenShot(page, 'candidate-phone-help-tab');

    // And it counts down.
    const shown = await timeLeft.textContent();
    await page.locator('#time-left', { hasNotText: shown! }).waitFor();
  });

  it('shows a message typed offline at once as "Sending…", and sends it once when the line is back', async () => {
    const { page, context, customer } = await openChat(TOUCH_PHONE);
    await context.setOffline(true);
    await page.getByRole('status').filter({ hasText: 'Reconnecting…' }).waitFor();
    const text = 'So sorry for the wait, I am on it';
    await page.getByLabel('Your reply').fill(text);
    await page.getByRole('button', { name: 'Send' }).tap();
    const sending = page.locator('#messages .bubble.outgoing').filter({ hasText: text });
    await sending.filter({ hasText: 'Sending…' }).waitFor();
    expect(await page.getByLabel('Your reply').inputValue()).toBe('');
    await page.getByText('Your message will be sent as soon as the connection is back.').waitFor();
    await screenShot(page, 'candidate-phone-sending');
    expect(candidateMessages(customer, text)).toHaveLength(0);

    await context.setOffline(false);
    await sending.waitFor({ state: 'detached' });
    const mine = page.locator('#messages .bubble.mine').filter({ hasText: text });
    expect(await mine.count()).toBe(1);
    expect(await mine.getAttribute('class')).toBe('bubble mine');
    await customer.next('chat.message', (event) => event.payload.text === text);
    // A while later, still once on both sides: it went with one clientId.
    await page.waitForTimeout(1500);
    expect(await mine.count()).toBe(1);
    expect(candidateMessages(customer, text)).toHaveLength(1);
    expect(await page.getByText('Your message will be sent').count()).toBe(0);
  });

  it('says when a message was refused, and sends it on "Try again"', async () => {
    const { page, customer } = await openChat(TOUCH_PHONE);
    // More than a link may send at once (a burst of 40 events): the last ones are refused.
    await page.evaluate(`(() => {
      const reply = document.getElementById('reply');
      const form = document.getElementById('composer');
      for (let n = 1; n <= 45; n += 1) {
        reply.value = 'Burst message ' + n;
        form.requestSubmit();
      }
    })()`);
    const failed = page.locator('#messages .bubble.outgoing.failed');
    await failed.first().waitFor();
    const text = (await failed.first().locator('.said').textContent())!;
    expect(await failed.first().textContent()).toMatch(
      /^Burst message \d+Not sent\. .+\.Try again$/,
    );
    await page.getByText('A message of yours was not sent.').waitFor();
    await screenShot(page, 'candidate-phone-not-sent');
    expect(candidateMessages(customer, text)).toHaveLength(0);

    // The budget refills within two seconds.
    await page.waitForTimeout(2100);
    const exactly = page.locator('.said', { hasText: new RegExp(`^${text}$`) });
    const refused = page.locator('#messages .bubble.outgoing').filter({ has: exactly });
    await refused.getByRole('button', { name: 'Try again' }).tap();
    await refused.waitFor({ state: 'detached' });
    await page.locator('#messages .bubble.mine').filter({ has: exactly }).waitFor();
    await customer.next('chat.message', (event) => event.payload.text === text);
    expect(candidateMessages(customer, text)).toHaveLength(1);
  });

  it('brings the end of the chat into view on a phone, from the help-center tab', async () => {
    const { page, customer } = await openChat(TOUCH_PHONE);
    for (let n = 1; n <= 12; n += 1) {
      expect((await customer.act('chat:send', { text: `Still waiting, ${n}` })).ok).toBe(true);
    }
    await bubbles(page).filter({ hasText: 'Still waiting, 12' }).waitFor();
    await searchHelp(page, 'refund');
    await scrollToBottom(page);

    expect((await customer.act('session:end')).ok).toBe(true);
    await page.getByText('The chat has ended. Thank you for taking part!').waitFor();
    expect(await page.getByRole('tab', { name: /^Chat/ }).getAttribute('aria-selected')).toBe(
      'true',
    );
    const end = await placeOf(page, '#chat-state');
    expect(end.top).toBeGreaterThanOrEqual(end.headBottom);
    expect(end.bottom).toBeLessThanOrEqual(end.screen);
    expect(await page.locator('#time-left').textContent()).toBe('Chat ended');
    await screenShot(page, 'candidate-phone-ended');
  });
});
