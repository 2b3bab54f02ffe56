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
import { launchBrowser, screenshot, startPageApp, type PageApp } from '../support/browser';
import { RoleplayClient } from '../support/roleplay-client';

const PHONE = { width: 375, height: 740 };
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
  async function openRoom() {
    const session = await scheduleSession(pageApp.app, interviewer);
    const context = await browser.newContext({ viewport: PHONE });
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
  async function openChat() {
    const room = await openRoom();
    await room.page.getByRole('button', { name: "I'm ready" }).click();
    expect((await room.customer.act('session:start')).ok).toBe(true);
    await bubbles(room.page).filter({ hasText: OPENING }).waitFor();
    return room;
  }

  /** Chat bubbles, without the system lines ("The chat started"). */
  const bubbles = (page: Page) => page.locator('#messages .bubble:not(.system)');

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
    expect(await page.locator('#reply').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
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
});
