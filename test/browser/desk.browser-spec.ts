import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { createStaff, scheduleSession, staffToken, type TestStaff } from '../support/factories';
import {
  launchBrowser,
  screenshot,
  staffContext,
  startPageApp,
  type PageApp,
} from '../support/browser';
import { RoleplayClient } from '../support/roleplay-client';

const PHONE = { width: 375, height: 740 };
const DESKTOP = { width: 1280, height: 900 };
const OPENING = /TEN charges/;
const NINE = ['P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9', 'P10'];

type LoggedEvent = { type: string; actor: string; payload: Record<string, unknown> };

describe('the agent desk, in Chromium: the candidate acts, the interviewer sees it live', () => {
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

  async function newPage(viewport: { width: number; height: number }, staff?: TestStaff) {
    const context = staff
      ? await staffContext(browser, pageApp, staff, { viewport })
      : await browser.newContext({ viewport });
    contexts.push(context);
    return context.newPage();
  }

  async function connect(auth: { token: string; sessionId?: string }) {
    const client = await RoleplayClient.connect(pageApp.url, auth);
    clients.push(client);
    return client;
  }

  /** A scheduled Tixly role-play: the candidate's room, and the interviewer's socket as the customer. */
  async function openRoom(viewport = DESKTOP) {
    const session = await scheduleSession(pageApp.app, interviewer);
    const room = await newPage(viewport);
    await room.goto(session.candidateUrl);
    await room.getByRole('button', { name: "I'm ready" }).click();
    const customer = await connect({
      token: await staffToken(pageApp.app, interviewer),
      sessionId: session.id,
    });
    return { session, room, customer };
  }

  /** The interviewer's console for the session, once the candidate's page is connected. */
  async function openConsole(sessionId: string) {
    const page = await newPage(DESKTOP, interviewer);
    await page.goto(`${pageApp.url}/sessions/${sessionId}`);
    await page.getByText('Candidate connected').waitFor();
    return page;
  }

  const bubbles = (page: Page) => page.locator('.chat .bubble:not(.system)');
  const desk = (page: Page) => page.locator('#desk');
  /** The Status column of the table on screen (Payment, Amount, Status, Captured), by row id. */
  const statuses = (page: Page) =>
    page.locator('#record-body tbody tr').evaluateAll((rows) => {
      const status: Record<string, string> = {};
      for (const row of rows) {
        status[row.getAttribute('data-row') ?? '?'] =
          row.querySelectorAll('td:not(.pick)')[2]?.textContent ?? '';
      }
      return status;
    });
  const checkpoint = (page: Page, id: string) => page.locator(`#checkpoints input[value="${id}"]`);
  const checkpointTime = (page: Page, id: string) =>
    page
      .locator('#checkpoints li')
      .filter({ has: page.locator(`input[value="${id}"]`) })
      .locator('time');
  const eventsOf = async (page: Page, sessionId: string) =>
    (await (
      await page.request.get(`${pageApp.url}/api/sessions/${sessionId}/events`)
    ).json()) as LoggedEvent[];

  async function lookUp(room: Page, record: RegExp | string) {
    await desk(room)
      .getByRole('button', { name: record, exact: typeof record === 'string' })
      .click();
    await room.locator('#record-title').filter({ hasText: record }).waitFor();
  }

  /** Opens an action's form under the record on screen; answers the form. */
  async function openAction(room: Page, label: string): Promise<Locator> {
    await room.locator('#record-actions').getByRole('button', { name: label }).click();
    const form = room.getByRole('form', { name: label });
    await form.waitFor();
    return form;
  }

  it('is tabs on a phone, with an unread badge on Chat when the customer writes meanwhile', async () => {
    const { room, customer } = await openRoom(PHONE);
    const tablist = room.getByRole('tablist', { name: 'Your workspace' });
    await tablist.waitFor();
    const tab = (name: string) => tablist.getByRole('tab', { name: new RegExp(`^${name}`) });
    expect(await tablist.getByRole('tab').allTextContents()).toEqual([
      'Chat',
      'Customer',
      'Help center',
    ]);
    expect(await tab('Chat').getAttribute('aria-selected')).toBe('true');
    expect(await room.locator('#desk').isHidden()).toBe(true);
    expect(await room.locator('#help').isHidden()).toBe(true);
    // Before the start the desk says why it cannot be used yet.
    await tab('Customer').click();
    await desk(room).getByText('once the chat has started').waitFor();
    expect(
      await desk(room)
        .getByRole('button', { name: /^Payments for/ })
        .isDisabled(),
    ).toBe(true);
    await tab('Chat').click();

    expect((await customer.act('session:start')).ok).toBe(true);
    await bubbles(room).filter({ hasText: OPENING }).waitFor();
    // The opening line came while Chat was open: nothing unread.
    expect(await room.locator('#unread').isHidden()).toBe(true);

    await tab('Customer').click();
    expect(await tab('Customer').getAttribute('aria-selected')).toBe('true');
    expect(await room.getByRole('tabpanel').getAttribute('id')).toBe('desk');
    expect(await room.locator('#chat-panel').isHidden()).toBe(true);
    await lookUp(room, /^Payments for/);
    expect(Object.keys(await statuses(room))).toHaveLength(10);

    expect((await customer.act('chat:send', { text: 'Hello?? Are you still there?' })).ok).toBe(
      true,
    );
    const badge = room.locator('#unread');
    await badge.filter({ hasText: '1' }).waitFor();
    await tab('Chat').filter({ hasText: '1 new message' }).waitFor();
    await room
      .getByRole('status')
      .filter({ hasText: 'The customer wrote a new message.' })
      .waitFor();
    expect((await customer.act('chat:send', { text: 'I need this today.' })).ok).toBe(true);
    await badge.filter({ hasText: '2' }).waitFor();
    // The refund form on a phone: the boxes in the table, the form under it.
    const refund = await openAction(room, 'Refund the selected payments');
    await room.getByLabel('Choose P2', { exact: true }).check();
    await refund.getByText('Chosen: P2').waitFor();
    expect(await tab('Chat').getAttribute('aria-label')).toBeNull();
    expect(await tab('Chat').textContent()).toBe('Chat2 (2 new messages)');
    expect(await room.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      PHONE.width,
    );
    await screenshot(room, 'desk-phone-customer-tab');

    // The arrow keys move between the tabs; back on Chat the badge goes and the messages are there.
    await tab('Customer').focus();
    await room.keyboard.press('ArrowRight');
    expect(await tab('Help center').getAttribute('aria-selected')).toBe('true');
    expect(await room.evaluate('document.activeElement?.id')).toBe('tab-help');
    await room.getByLabel('Search the help center').waitFor();
    await room.keyboard.press('Home');
    expect(await tab('Chat').getAttribute('aria-selected')).toBe('true');
    expect(await room.evaluate('document.activeElement?.id')).toBe('tab-chat');
    await badge.waitFor({ state: 'hidden' });
    expect(await tab('Chat').textContent()).toBe('Chat');
    await bubbles(room).filter({ hasText: 'I need this today.' }).waitFor();
    // Only one tab is in the Tab order: the selected one.
    expect(await tablist.locator('[tabindex="0"]').allTextContents()).toEqual(['Chat']);
    await screenshot(room, 'desk-phone-chat-tab');

    // A customer line while Chat is open is read at once.
    expect((await customer.act('chat:send', { text: 'Well?' })).ok).toBe(true);
    await bubbles(room).filter({ hasText: 'Well?' }).waitFor();
    expect(await badge.isHidden()).toBe(true);

    // Wider, the tabs go and the three panels sit side by side.
    await room.setViewportSize(DESKTOP);
    await tablist.waitFor({ state: 'hidden' });
    for (const panel of ['#chat-panel', '#desk', '#help']) {
      expect(await room.locator(panel).isVisible()).toBe(true);
    }
    expect(await room.getByRole('tabpanel').count()).toBe(0);
  });

  it('is solved on the desk: lookups, refunds, a credit, the email and a report, live in the console', async () => {
    const { session, room } = await openRoom();
    const consolePage = await openConsole(session.id);
    await consolePage.getByRole('button', { name: 'Start the role-play' }).click();
    await bubbles(room).filter({ hasText: OPENING }).waitFor();
    const activity = consolePage.locator('#activity');

    // The candidate's data holds the desk's records and forms, not its rules or mistakes.
    const data = JSON.parse((await room.locator('#room-data').textContent())!) as {
      desk: { records: unknown[]; actions: Array<Record<string, unknown>> };
    };
    expect(Object.keys(data.desk).sort()).toEqual(['actions', 'records']);
    for (const action of data.desk.actions) {
      expect(Object.keys(action).sort()).toEqual(['id', 'inputs', 'label', 'record']);
    }

    // Looks up the customer, then the payments: each lookup shows in the console as it happens.
    await lookUp(room, 'Customer');
    await room.locator('#record-body dd').filter({ hasText: 'Debit card ending 4417' }).waitFor();
    await activity.getByText('Looked up Customer').waitFor();
    await lookUp(room, /^Payments for/);
    await activity.getByText(/Looked up Payments for/).waitFor();
    expect(Object.values(await statuses(room))).toEqual(Array(10).fill('captured'));
    expect(await room.evaluate('document.activeElement?.id')).toBe('record-title');

    // The refund form checks what is missing before anything is sent.
    const refund = await openAction(room, 'Refund the selected payments');
    expect(await refund.getByRole('button', { name: 'Confirm' }).isEnabled()).toBe(true);
    await refund.getByRole('button', { name: 'Confirm' }).click();
    await refund
      .getByRole('alert')
      .filter({ hasText: 'Payments to refund: choose at least one row in the table above.' })
      .waitFor();
    // The focus goes to the table's first box, where the choosing is done.
    expect(await room.evaluate('document.activeElement?.getAttribute("value")')).toBe('P1');
    for (const id of NINE) await room.getByLabel(`Choose ${id}`, { exact: true }).check();
    await refund.getByText(`Chosen: ${NINE.join(', ')}`).waitFor();
    await screenshot(room, 'desk-candidate-refund-form');
    await refund.getByRole('button', { name: 'Confirm' }).click();
    await refund
      .getByRole('alert')
      .filter({ hasText: 'Reason: choose one of the options.' })
      .waitFor();
    expect(await room.evaluate('document.activeElement?.id')).toBe('desk-refund-reason');
    await refund.getByLabel('Reason').selectOption('Duplicate charge');
    await refund.getByRole('button', { name: 'Confirm' }).click();

    const result = room.locator('#action-result');
    await result.filter({ hasText: `Refund started for ${NINE.join(', ')}.` }).waitFor();
    expect(await result.textContent()).toMatch(/3-5 business days/);
    expect(await refund.count()).toBe(0);
    expect(await statuses(room)).toEqual({
      P1: 'captured',
      ...Object.fromEntries(NINE.map((id) => [id, 'refunded'])),
    });

    // The console: the action in the feed, refund-nine ticked by the desk, no mistake.
    const refunded = activity
      .locator('li')
      .filter({ hasText: 'Did "Refund the selected payments"' });
    await refunded.waitFor();
    expect(await refunded.textContent()).toContain(
      `(Payments to refund: ${NINE.join(', ')}; Reason: Duplicate charge)`,
    );
    await consolePage.locator('#checkpoints input[value="refund-nine"]:checked').waitFor();
    await checkpointTime(consolePage, 'refund-nine')
      .filter({ hasText: /met by the desk at \d\d:\d\d/ })
      .waitFor();
    expect(await consolePage.locator('#desk-mistakes').isHidden()).toBe(true);
    expect(await consolePage.locator('#activity li.mistake').count()).toBe(0);

    // A goodwill credit: above the maximum is refused by the form, $35 goes through.
    await lookUp(room, 'Account credits');
    await room.locator('#record-body').getByText('Nothing here yet.').waitFor();
    const credit = await openAction(room, 'Issue a goodwill credit');
    expect(await room.evaluate('document.activeElement?.id')).toBe('desk-goodwill-credit-amount');
    await credit.getByLabel('Amount in dollars').fill('60');
    await credit.getByLabel('Reason').fill('Your bank charged an overdraft fee');
    await credit.getByRole('button', { name: 'Confirm' }).click();
    await credit
      .getByRole('alert')
      .filter({ hasText: 'Amount in dollars: the most you can give here is 50.00.' })
      .waitFor();
    expect(await credit.getByLabel('Amount in dollars').getAttribute('aria-invalid')).toBe('true');
    await credit.getByLabel('Amount in dollars').fill('35');
    await credit.getByRole('button', { name: 'Confirm' }).click();
    await result.filter({ hasText: 'A goodwill credit of $35.00' }).waitFor();
    await room.locator('#record-body td').filter({ hasText: '$35.00' }).waitFor();
    await activity.getByText(/Did "Issue a goodwill credit" \(Amount in dollars: 35\.00/).waitFor();
    await checkpointTime(consolePage, 'cover-bank-fee')
      .filter({ hasText: /met by the desk/ })
      .waitFor();
    expect(await checkpoint(consolePage, 'cover-bank-fee').isChecked()).toBe(true);

    // The confirmation email: the console shows which facts it mentions, as a signal.
    await desk(room).getByText('Email the customer').click();
    const email = room.locator('#desk-email');
    await email.getByRole('button', { name: 'Send the email' }).click();
    await email.getByRole('alert').filter({ hasText: 'Subject: write a subject' }).waitFor();
    await email.getByLabel('Subject').fill('Your refund of $801 is on its way');
    await email
      .getByLabel('Message')
      .fill(
        'Hi Dana, I refunded the nine duplicate charges ($801). A debit card gets it back in 3-5 business days.',
      );
    await email.getByRole('button', { name: 'Send the email' }).click();
    await email
      .getByRole('status')
      .filter({ hasText: /Email sent to the customer at/ })
      .waitFor();
    expect(await email.getByLabel('Subject').inputValue()).toBe('');
    const emailed = activity
      .locator('li')
      .filter({ hasText: 'Emailed the customer: "Your refund of $801' });
    await emailed.waitFor();
    await emailed.getByText('Mentions (a signal) $801: yes; 3-5 business days: yes').waitFor();
    await emailed.getByText('Read the email').click();
    await emailed.getByText('I refunded the nine duplicate charges').waitFor();
    await checkpointTime(consolePage, 'confirm-in-writing')
      .filter({ hasText: /met by the desk/ })
      .waitFor();

    // The report to the product team.
    await desk(room).getByText('Report to the product team').click();
    const report = room.locator('#desk-report');
    await report.getByLabel('Title').fill('Checkout charges a card ten times on a slow network');
    await report.getByRole('button', { name: 'File the report' }).click();
    await report
      .getByRole('alert')
      .filter({ hasText: 'What happened: say what went wrong.' })
      .waitFor();
    await report
      .getByLabel('What happened')
      .fill('A customer was charged ten times for one ticket.');
    await report
      .getByLabel(/Steps to reproduce/)
      .fill('Pay on a slow connection; press Pay again.');
    await report.getByLabel(/Customers affected/).fill('At least one today; likely more.');
    await report.getByRole('button', { name: 'File the report' }).click();
    await report
      .getByRole('status')
      .filter({ hasText: /Report filed with the product team/ })
      .waitFor();
    const reported = activity
      .locator('li')
      .filter({ hasText: 'Reported to the product team: "Checkout charges' });
    await reported.waitFor();
    await reported.getByText('Read the report').click();
    await reported.getByText('Pay on a slow connection; press Pay again.').waitFor();

    const done = room.locator('#desk-log li');
    expect(await done.count()).toBe(4);
    expect(await room.locator('#desk-log').textContent()).toMatch(
      /Refund started[\s\S]*goodwill credit[\s\S]*Emailed the customer[\s\S]*Reported to the product team/,
    );
    await screenshot(room, 'desk-candidate-desktop');
    // Narrower (a tablet), the chat keeps its column and the desk and help center share the other.
    await room.setViewportSize({ width: 1000, height: 900 });
    expect(await room.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1000);
    await screenshot(room, 'desk-candidate-tablet');
    await room.setViewportSize(DESKTOP);
    await screenshot(consolePage, 'desk-console');

    // Nothing of the answer key reached the candidate's page.
    const html = await room.content();
    for (const secret of [
      'refund-nine',
      'cover-bank-fee',
      'refunded-valid-ticket',
      'Mistake',
      'by the desk',
      'Mentions',
    ]) {
      expect({ secret, shown: html.includes(secret) }).toEqual({ secret, shown: false });
    }

    // The log holds exactly what the page sent: two actions (the refused forms sent nothing).
    const events = await eventsOf(consolePage, session.id);
    const acted = events.filter((e) => e.type === 'desk.acted');
    expect(acted.map((e) => e.payload.input)).toEqual([
      { payments: NINE, reason: 'Duplicate charge' },
      { amount: 35, reason: 'Your bank charged an overdraft fee' },
    ]);
    expect(acted.map((e) => e.payload.mistakes)).toEqual([[], []]);
    expect(
      events
        .filter((e) => e.type === 'checkpoint.hit')
        .map((e) => [e.actor, e.payload.checkpointId]),
    ).toEqual([
      ['system', 'refund-nine'],
      ['system', 'cover-bank-fee'],
      ['system', 'confirm-in-writing'],
    ]);
    expect(events.filter((e) => e.type === 'desk.reported')[0].payload).toEqual({
      title: 'Checkout charges a card ten times on a slow network',
      body: 'A customer was charged ten times for one ticket.',
      steps: 'Pay on a slow connection; press Pay again.',
      customersAffected: 'At least one today; likely more.',
    });

    // Reloaded, the room shows what was done, and a lookup shows the records as the log left them.
    await room.reload();
    await room.locator('#desk-log li').nth(3).waitFor();
    expect(await room.locator('#desk-log li').count()).toBe(4);
    await lookUp(room, /^Payments for/);
    expect((await statuses(room)).P10).toBe('refunded');
    expect((await statuses(room)).P1).toBe('captured');

    // Ended, the desk is closed.
    await consolePage.getByRole('button', { name: 'End the role-play' }).click();
    await consolePage.getByRole('button', { name: 'Yes, end the role-play' }).click();
    await desk(room).getByText('The chat has ended, and the desk with it.').waitFor();
    expect(await desk(room).getByRole('button', { name: 'Account credits' }).isDisabled()).toBe(
      true,
    );
  }, 120_000);

  it('flags a mistake in the console at once, and tells the candidate nothing of it', async () => {
    const { session, room } = await openRoom();
    const consolePage = await openConsole(session.id);
    await consolePage.getByRole('button', { name: 'Start the role-play' }).click();
    await bubbles(room).filter({ hasText: OPENING }).waitFor();

    await lookUp(room, /^Payments for/);
    const refund = await openAction(room, 'Refund the selected payments');
    await room.getByLabel('Choose P1', { exact: true }).check();
    await refund.getByLabel('Reason').selectOption('Customer request');
    await refund.getByRole('button', { name: 'Confirm' }).click();
    await room.locator('#action-result').filter({ hasText: 'Refund started for P1.' }).waitFor();

    const flagged = consolePage.locator('#activity li.mistake');
    await flagged.waitFor();
    expect(await flagged.textContent()).toContain('Did "Refund the selected payments"');
    expect(await flagged.textContent()).toMatch(/Payments to refund: P1\b/);
    await flagged
      .locator('.flag.mistake')
      .filter({ hasText: 'Mistake: Refunded P1, the payment of the valid ticket' })
      .waitFor();
    await consolePage.locator('#desk-mistakes').filter({ hasText: '1 desk mistake' }).waitFor();
    expect(await checkpoint(consolePage, 'refund-nine').isChecked()).toBe(false);
    await screenshot(consolePage, 'desk-console-mistake');
    await consolePage.setViewportSize(PHONE);
    expect(await consolePage.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      PHONE.width,
    );
    await consolePage.setViewportSize(DESKTOP);

    // A second one counts on.
    await lookUp(room, /^Order/);
    const cancel = await openAction(room, 'Cancel the whole order');
    await cancel.getByLabel('Reason').selectOption('Duplicate charge');
    await cancel.getByRole('button', { name: 'Confirm' }).click();
    await room
      .locator('#record-body dd')
      .filter({ hasText: /^Cancelled$/ })
      .waitFor();
    await consolePage.locator('#desk-mistakes').filter({ hasText: '2 desk mistakes' }).waitFor();
    expect(await consolePage.locator('#activity li.mistake').count()).toBe(2);

    expect(await room.locator('main').textContent()).not.toMatch(/mistake|valid ticket/i);
  });

  it('lets the interviewer untick a checkpoint the desk met, and tick it again, both logged', async () => {
    const session = await scheduleSession(pageApp.app, interviewer);
    const candidate = await connect({ token: session.candidateToken });
    const consolePage = await openConsole(session.id);
    await consolePage.getByRole('button', { name: 'Start the role-play' }).click();
    await consolePage.locator('#status', { hasText: 'Live' }).waitFor();

    const answer = await candidate.act('desk:act', {
      actionId: 'refund',
      input: { payments: NINE, reason: 'Duplicate charge' },
    });
    expect(answer.ok).toBe(true);
    const box = checkpoint(consolePage, 'refund-nine');
    const time = checkpointTime(consolePage, 'refund-nine');
    await time.filter({ hasText: 'met by the desk' }).waitFor();
    expect(await box.isChecked()).toBe(true);
    expect(await box.isEnabled()).toBe(true);

    await box.uncheck();
    await time.filter({ hasText: /unticked at \d\d:\d\d/ }).waitFor();
    expect(await box.isChecked()).toBe(false);
    const activity = consolePage.locator('#activity');
    await activity.getByText('Checkpoint unticked: Refunds the nine duplicates').waitFor();

    await box.check();
    await time.filter({ hasText: /^ticked at \d\d:\d\d/ }).waitFor();
    await activity.getByText('Checkpoint met: Refunds the nine duplicates').waitFor();
    await screenshot(consolePage, 'desk-console-untick');

    // The untick is the interviewer's, logged; so is the tick again; the desk's own came first.
    const events = await eventsOf(consolePage, session.id);
    expect(
      events
        .filter((e) => e.type.startsWith('checkpoint.'))
        .map((e) => [e.type, e.actor, e.payload.checkpointId]),
    ).toEqual([
      ['checkpoint.hit', 'system', 'refund-nine'],
      ['checkpoint.cleared', 'interviewer', 'refund-nine'],
      ['checkpoint.hit', 'interviewer', 'refund-nine'],
    ]);

    // Reloaded, the console rebuilds the same state from the log.
    await consolePage.reload();
    await checkpointTime(consolePage, 'refund-nine')
      .filter({ hasText: /^ticked at/ })
      .waitFor();
    expect(await checkpoint(consolePage, 'refund-nine').isChecked()).toBe(true);
    expect(await consolePage.locator('#activity li.checkpoint').count()).toBe(3);
  });
});
