import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SessionsService } from '@hotseat/roleplay';
import type { StaffPrincipal } from '@hotseat/identity';
import { createStaff, scheduleSession, type TestStaff } from '../support/factories';
import {
  launchBrowser,
  screenshot,
  staffContext,
  startPageApp,
  type PageApp,
} from '../support/browser';
import { RoleplayClient } from '../support/roleplay-client';

const OPENING = /TEN charges/;
const APOLOGY_LINE = 'Okay. Thank you. I just need this sorted today, my rent goes out on Friday.';
const TEN_DAYS_LINE = /Ten days\?! I'll be overdrawn/;
const ORDER_NUMBER_LINE = /Seriously\? You have \$890 of MY money/;

type LoggedEvent = { seq: number; type: string; actor: string; payload: Record<string, unknown> };

/** Everything the interviewer needs mid-role-play, each of which must be on screen. */
const PANELS = {
  'chat log': '#chat',
  composer: '#message',
  'composer send': '#composer button[type="submit"]',
  'beats list': '.console-beats .panel-scroll',
  'anger slider': '#anger',
  'anger up': '#anger-up',
  'anger down': '#anger-down',
  'anger curve': '#anger-curve svg',
  checkpoints: '#checkpoints',
  'note box': '#note-text',
  notes: '#notes',
  activity: '#activity',
  clock: '#clock',
  solve: '#solve',
  end: '#end',
  shortcuts: '#shortcuts-open',
};

describe("the interviewer's prompter, in Chromium", () => {
  let pageApp: PageApp;
  let browser: Browser;
  let interviewer: TestStaff;
  const contexts: BrowserContext[] = [];
  const clients: RoleplayClient[] = [];

  beforeAll(async () => {
    pageApp = await startPageApp();
    browser = await launchBrowser();
    interviewer = await createStaff(pageApp.app, 'interviewer');
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    for (const context of contexts.splice(0)) await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await pageApp?.close();
  });

  async function connect(auth: { token: string; sessionId?: string }) {
    const client = await RoleplayClient.connect(pageApp.url, auth);
    clients.push(client);
    return client;
  }

  /** A live role-play in the console at `viewport`, its candidate a socket client. */
  async function startedConsole(viewport = { width: 1440, height: 900 }) {
    const session = await scheduleSession(pageApp.app, interviewer);
    const candidate = await connect({ token: session.candidateToken });
    const context = await staffContext(browser, pageApp, interviewer, { viewport });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${pageApp.url}/sessions/${session.id}`);
    await page.getByText('Candidate connected').waitFor();
    await page.getByRole('button', { name: 'Start the role-play' }).click();
    await bubbles(page).filter({ hasText: OPENING }).waitFor();
    return { session, candidate, page };
  }

  const bubbles = (page: Page) => page.locator('.chat .bubble:not(.system)');
  const beat = (page: Page, id: string) => page.locator(`#beat-${id}`);
  const eventsOf = async (page: Page, sessionId: string) =>
    (await (
      await page.request.get(`${pageApp.url}/api/sessions/${sessionId}/events`)
    ).json()) as LoggedEvent[];
  /** The event logged right after the customer's message from beat `beatId`. */
  const afterBeat = (events: LoggedEvent[], beatId: string) => {
    const index = events.findIndex(
      (event) => event.type === 'chat.message' && event.payload.beatId === beatId,
    );
    expect(index).toBeGreaterThanOrEqual(0);
    return events[index + 1];
  };

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 1280, height: 720 },
  ]) {
    it(`fits one ${viewport.width}x${viewport.height} screen mid-role-play, every panel in view`, async () => {
      const { page, candidate } = await startedConsole(viewport);
      // A few messages, a beat used, a checkpoint, a note, and the candidate on the help center.
      for (const text of [
        'Hi Dana, I am looking at your order now.',
        "I'm so sorry, that's on us: ten charges is our mistake.",
      ]) {
        expect((await candidate.act('chat:send', { text })).ok).toBe(true);
        await bubbles(page).filter({ hasText: text }).waitFor();
      }
      await beat(page, 'sincere-apology').getByRole('button', { name: 'Send this line' }).click();
      await bubbles(page).filter({ hasText: APOLOGY_LINE }).waitFor();
      expect((await candidate.act('help:search', { query: 'duplicate charges' })).ok).toBe(true);
      await page.locator('#activity').getByText('searched for "duplicate charges"').waitFor();
      await page.getByLabel(/Apologises and takes ownership/).check();
      await page
        .locator('#checkpoints')
        .getByText(/ticked at \d\d:\d\d/)
        .waitFor();
      await page.getByRole('textbox', { name: 'Private note' }).fill('Owned it at once');
      await page.getByRole('button', { name: 'Add note' }).click();
      await page.locator('#notes').getByText('Owned it at once').waitFor();
      await beat(page, 'sincere-apology')
        .getByText(/Used at \d\d:\d\d/)
        .waitFor();
      await screenshot(page, `prompter-${viewport.width}x${viewport.height}`);

      const screen = await page.evaluate<{
        scrollHeight: number;
        scrollWidth: number;
        innerHeight: number;
        innerWidth: number;
      }>(
        '({ scrollHeight: document.scrollingElement.scrollHeight, scrollWidth: document.scrollingElement.scrollWidth, innerHeight, innerWidth })',
      );
      expect(screen.scrollHeight).toBeLessThanOrEqual(screen.innerHeight + 1);
      expect(screen.scrollWidth).toBeLessThanOrEqual(screen.innerWidth + 1);
      for (const [panel, selector] of Object.entries(PANELS)) {
        const box = await page.locator(selector).boundingBox();
        expect({ panel, box: box && inside(box, viewport) }).toEqual({ panel, box: true });
      }
      // Roomy enough to use: the chat and the beats are not squeezed to a sliver.
      for (const selector of ['#chat', '.console-beats .panel-scroll', '#checkpoints']) {
        const box = (await page.locator(selector).boundingBox())!;
        expect({ selector, tall: box.height >= (selector === '#chat' ? 200 : 90) }).toEqual({
          selector,
          tall: true,
        });
      }
      // The chat stays at its newest line as lines come; scrolled up, it stays where it was.
      const chat = page.locator('#chat');
      const atBottom = () =>
        chat.evaluate((box) => box.scrollHeight - box.scrollTop - box.clientHeight <= 32);
      for (let n = 1; n <= 6; n += 1) {
        expect((await candidate.act('chat:send', { text: `Line ${n} of a long reply` })).ok).toBe(
          true,
        );
      }
      await bubbles(page).filter({ hasText: 'Line 6 of a long reply' }).waitFor();
      expect(await atBottom()).toBe(true);
      await chat.evaluate((box) => {
        box.scrollTop = 0;
      });
      expect((await candidate.act('chat:send', { text: 'One more thing' })).ok).toBe(true);
      await bubbles(page).filter({ hasText: 'One more thing' }).waitFor();
      expect(await chat.evaluate((box) => box.scrollTop === 0)).toBe(true);
      await page.getByRole('button', { name: 'Newest messages' }).click();
      expect(await atBottom()).toBe(true);
    });
  }

  it("sends a beat's line and its anger change in one action, or the line alone", async () => {
    const { page, session } = await startedConsole();
    expect(await beat(page, 'sincere-apology').locator('.beat-anger').textContent()).toBe(
      'anger −2',
    );
    await beat(page, 'sincere-apology').getByRole('button', { name: 'Send this line' }).click();
    await bubbles(page).filter({ hasText: APOLOGY_LINE }).waitFor();
    await page.locator('#anger-curve[data-levels="8,6"]').waitFor();
    expect(await page.locator('#anger-value').textContent()).toBe('6');
    let events = await eventsOf(page, session.id);
    expect(afterBeat(events, 'sincere-apology')).toMatchObject({
      type: 'anger.changed',
      payload: { level: 6 },
    });

    // Edited first, with its anger switched off for this send: the line alone.
    await beat(page, 'ten-business-days').getByRole('button', { name: 'Edit first' }).click();
    const composer = page.getByLabel('Say as the customer');
    expect(await composer.inputValue()).toMatch(TEN_DAYS_LINE);
    const apply = page.getByRole('checkbox', { name: /Apply anger \+2 \(6 → 8\)/ });
    expect(await apply.isChecked()).toBe(true);
    await screenshot(page, 'prompter-beat-in-composer');
    await apply.uncheck();
    await composer.press('Enter');
    await bubbles(page).filter({ hasText: TEN_DAYS_LINE }).waitFor();
    expect(await apply.isVisible()).toBe(false);
    // Something logged after it, so an anger change would have come between.
    await page.getByRole('textbox', { name: 'Private note' }).fill('Kept the anger');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('#notes').getByText('Kept the anger').waitFor();
    events = await eventsOf(page, session.id);
    expect(afterBeat(events, 'ten-business-days')).toMatchObject({ type: 'note.added' });
    expect(events.filter((e) => e.type === 'anger.changed').map((e) => e.payload.level)).toEqual([
      6,
    ]);
    expect(await page.locator('#anger-value').textContent()).toBe('6');
  });

  it('lists its shortcuts in a dialog, sends a beat by its number, and stops anger at 10', async () => {
    const { page, session } = await startedConsole();
    // The dialog: opened with ?, closed with Escape, the focus back where it was.
    const opener = page.getByRole('button', { name: /Shortcuts/ });
    await opener.focus();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    for (const said of [
      'Send that beat',
      'Anger up one',
      'Anger down one',
      'Write a private note',
      'Mark solved',
    ]) {
      await dialog.getByText(said).waitFor();
    }
    expect(await dialog.locator('tbody tr').first().textContent()).toMatch(/1 to 8/);
    await screenshot(page, 'prompter-shortcuts');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate('document.activeElement?.id')).toBe('shortcuts-open');

    // The solution folds into the head and opens over the panels; Escape folds it again.
    await page.locator('summary', { hasText: 'Solution' }).click();
    const solution = page.locator('details.drop[open] .drop-body');
    await solution.getByRole('heading', { name: 'Solution' }).waitFor();
    expect(await page.evaluate('document.scrollingElement.scrollHeight <= innerHeight + 1')).toBe(
      true,
    );
    await screenshot(page, 'prompter-solution');
    await page.keyboard.press('Escape');
    await solution.waitFor({ state: 'detached' });

    // In a text box a number is a character, not a beat; Escape leaves the box.
    const composer = page.getByLabel('Say as the customer');
    await composer.focus();
    await page.keyboard.press('1');
    expect(await composer.inputValue()).toBe('1');
    await page.keyboard.press('Escape');
    expect(await page.evaluate('document.activeElement?.id')).not.toBe('message');
    await composer.fill('');
    await page.locator('body').click({ position: { x: 5, y: 5 } });

    // 1 sends the first beat (anger +1) as it is.
    await page.keyboard.press('1');
    await bubbles(page).filter({ hasText: ORDER_NUMBER_LINE }).waitFor();
    await page.locator('#anger-curve[data-levels="8,9"]').waitFor();
    await beat(page, 'order-number-first')
      .getByText(/Used at \d\d:\d\d/)
      .waitFor();

    // + to 10, where + is disabled and the key logs nothing more; - brings it back.
    await page.keyboard.press('+');
    await page.locator('#anger-curve[data-levels="8,9,10"]').waitFor();
    expect(await page.getByRole('button', { name: 'Angrier' }).isDisabled()).toBe(true);
    await page.keyboard.press('+');
    await page.keyboard.press('-');
    await page.locator('#anger-curve[data-levels="8,9,10,9"]').waitFor();
    expect(await page.getByRole('button', { name: 'Angrier' }).isDisabled()).toBe(false);
    const levels = (await eventsOf(page, session.id))
      .filter((e) => e.type === 'anger.changed')
      .map((e) => e.payload.level);
    expect(levels).toEqual([9, 10, 9]);

    // N focuses the note without typing an n into it; S marks it solved.
    await page.keyboard.press('n');
    expect(await page.evaluate('document.activeElement?.id')).toBe('note-text');
    expect(await page.getByRole('textbox', { name: 'Private note' }).inputValue()).toBe('');
    await page.keyboard.press('Escape');
    await page.keyboard.press('s');
    await page.locator('#solved').waitFor();
  });

  it('marks the beats the cues suggest, with the reasons, and sends nothing by itself', async () => {
    const { page, candidate, session } = await startedConsole();
    const apology = beat(page, 'sincere-apology');
    expect(await apology.getByText('Suggested').isVisible()).toBe(false);
    expect((await candidate.act('chat:send', { text: "I'm so sorry, Dana." })).ok).toBe(true);
    await bubbles(page).filter({ hasText: "I'm so sorry, Dana." }).waitFor();
    // The scenario's `when: { candidateSays: { categories: [apology] } }` holds now.
    await apology.getByText('Suggested', { exact: true }).waitFor();
    expect(await apology.locator('.beat-reasons').textContent()).toMatch(/sorry.*apology/i);
    expect(await page.locator('.beats li.top-suggestion').count()).toBe(1);
    await page
      .locator('#suggested-now')
      .getByRole('button', { name: /sincere apology/ })
      .waitFor();
    await screenshot(page, 'prompter-suggested');
    // Shown, never sent: the customer has said only the opening line.
    const customerLines = (await eventsOf(page, session.id)).filter(
      (e) => e.type === 'chat.message' && e.actor === 'customer',
    );
    expect(customerLines).toHaveLength(1);
    // Used, the suggestion goes until the candidate says something new.
    await apology.getByRole('button', { name: 'Send this line' }).click();
    await apology.getByText(/Used at/).waitFor();
    await apology.getByText('Suggested', { exact: true }).waitFor({ state: 'hidden' });
  });

  it('puts the rating first once the role-play is over, the page scrolling again', async () => {
    const { page } = await startedConsole({ width: 1280, height: 720 });
    await page.getByRole('button', { name: 'End the role-play' }).click();
    await page.getByRole('button', { name: 'Yes, end the role-play' }).click();
    const heading = page.getByRole('heading', { name: 'Rate the role-play' });
    await heading.waitFor();
    // The end's answer moves the focus on, to what comes next.
    await page.waitForFunction("document.activeElement?.id === 'rating-title'");
    expect((await heading.boundingBox())!.y).toBeLessThan(720);
    expect(await page.evaluate('document.scrollingElement.scrollHeight > innerHeight')).toBe(true);
    await screenshot(page, 'prompter-ended');
  });

  it('tells staff watching a practice session that the script plays the customer', async () => {
    const practice = await pageApp.app
      .get(SessionsService)
      .create(principalOf(interviewer), { scenarioId: 'charged-ten-times', mode: 'practice' });
    const context = await staffContext(browser, pageApp, interviewer, {
      viewport: { width: 1280, height: 720 },
    });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${pageApp.url}/sessions/${practice.id}`);
    await page.getByText('Practice: the script plays the customer; you are watching').waitFor();
    for (const absent of ['#composer', '#note-form', '#start', '[data-beat]', '#shortcuts']) {
      expect({ absent, count: await page.locator(absent).count() }).toEqual({ absent, count: 0 });
    }
    await screenshot(page, 'prompter-practice-watching');
  });
});

function inside(
  box: { x: number; y: number; width: number; height: number },
  viewport: { width: number; height: number },
): boolean {
  return (
    box.width > 0 &&
    box.height > 0 &&
    box.x >= 0 &&
    box.y >= 0 &&
    box.x + box.width <= viewport.width + 0.5 &&
    box.y + box.height <= viewport.height + 0.5
  );
}

/** The principal SessionsService.create takes, as test/support/factories.ts builds one. */
function principalOf(staff: TestStaff): StaffPrincipal {
  return {
    kind: 'staff',
    user: { id: staff.id, email: staff.email, name: 'Test', role: staff.role },
    loginId: randomUUID(),
    expiresAt: new Date(Date.now() + 60_000),
    csrfToken: '',
  };
}
