import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createStaff, scheduleSession, staffToken, type TestStaff } from '../support/factories';
import {
  launchBrowser,
  screenshot,
  staffContext,
  startPageApp,
  type PageApp,
} from '../support/browser';
import { RoleplayClient } from '../support/roleplay-client';

const OPENING = /TEN charges/;
const APOLOGY_BEAT = 'Okay. Thank you. I just need this sorted today, my rent goes out on Friday.';
const SECRET_NOTE = 'Owned it at once; check whether she mentions the fee (note 7f3a)';

describe('a whole role-play in two browsers, from login to rating', () => {
  let pageApp: PageApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    pageApp = await startPageApp();
    browser = await launchBrowser();
  });

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await pageApp?.close();
  });

  async function newContext(staff?: TestStaff) {
    const options = { viewport: { width: 1280, height: 900 } };
    const context = staff
      ? await staffContext(browser, pageApp, staff, options)
      : await browser.newContext(options);
    contexts.push(context);
    return context;
  }

  /** Chat bubbles on either page, without the system lines ("The role-play started"). */
  const bubbles = (page: Page) => page.locator('.chat .bubble:not(.system)');
  const levels = (page: Page) => page.locator('#anger-curve').getAttribute('data-levels');

  it('is played by an interviewer and a candidate, through a dropped connection, then rated', async () => {
    const interviewer = await createStaff(pageApp.app, 'interviewer');

    // The interviewer logs in through the real login page.
    const desk = await (await newContext()).newPage();
    await desk.goto(`${pageApp.url}/`);
    await desk.waitForURL(/\/login/);
    await desk.getByLabel('Email').fill(interviewer.email);
    await desk.getByLabel('Password').fill(interviewer.password);
    await desk.getByRole('button', { name: 'Log in' }).click();
    await desk.getByRole('heading', { name: 'Dashboard' }).waitFor();

    // Adds a candidate, starts a role-play for them and opens the console.
    const addCandidate = desk.locator('#add-candidate');
    await addCandidate.getByLabel('Name').fill('Ada Lovelace');
    await addCandidate.getByLabel('Email').fill('ada@example.com');
    await addCandidate.getByRole('button', { name: 'Add the candidate' }).click();
    await desk.getByRole('link', { name: 'Ada Lovelace' }).waitFor();
    await desk
      .locator('#start-roleplay select[name="scenarioId"]')
      .selectOption('charged-ten-times');
    await desk.getByRole('button', { name: 'Start a role-play' }).click();
    await desk.locator('#started').waitFor();
    const candidateUrl = await desk.getByLabel('Candidate link').inputValue();
    await desk.getByRole('link', { name: 'Open the interviewer console' }).click();
    await desk.waitForURL(/\/sessions\/[0-9a-f-]{36}$/);
    const sessionId = desk.url().split('/').pop()!;
    await desk.getByRole('heading', { name: /Ada Lovelace/ }).waitFor();
    expect(await desk.locator('#status').textContent()).toBe('Not started');
    expect(await desk.getByLabel('Say as the customer').isDisabled()).toBe(true);

    // The candidate opens their link in another browser and gets ready; the interviewer starts.
    const room = await (await newContext()).newPage();
    await room.goto(candidateUrl);
    await room.getByRole('button', { name: "I'm ready" }).click();
    await desk.getByText('Candidate connected').waitFor();
    await desk.getByRole('button', { name: 'Start the role-play' }).click();
    await bubbles(desk).filter({ hasText: OPENING }).waitFor();
    await bubbles(room).filter({ hasText: OPENING }).waitFor();
    expect(await desk.locator('#status').textContent()).toBe('Live');
    // The clock runs from the start.
    await desk.locator('#clock').filter({ hasNotText: '00:00' }).waitFor();
    expect(await desk.getByRole('button', { name: 'Start the role-play' }).isHidden()).toBe(true);

    // A beat's line goes to the composer, is edited, and is sent with its beat id and, by default,
    // its anger change (−2).
    await desk
      .locator('.beats li')
      .filter({ hasText: 'After a sincere apology' })
      .getByRole('button', { name: 'Edit first' })
      .click();
    const composer = desk.getByLabel('Say as the customer');
    expect(await composer.inputValue()).toBe(APOLOGY_BEAT);
    await composer.press('End');
    await composer.pressSequentially(' Can you do that?');
    await room.getByText('The customer is typing…').waitFor();
    await composer.press('Enter');
    const edited = `${APOLOGY_BEAT} Can you do that?`;
    await bubbles(room).filter({ hasText: edited }).waitFor();
    expect(await composer.inputValue()).toBe('');
    await bubbles(desk).filter({ hasText: 'beat sincere-apology' }).waitFor();

    // The candidate replies; the interviewer sees them typing, then the reply, as text.
    const reply = room.getByLabel('Your reply');
    await reply.pressSequentially("I'm so sorry, Dana. <b>That's on us</b>");
    await desk.getByText('Ada Lovelace is typing…').waitFor();
    await reply.press('Enter');
    await bubbles(desk).filter({ hasText: "<b>That's on us</b>" }).waitFor();
    expect(await desk.locator('#chat b').count()).toBe(0);

    // Anger up with the keyboard, down with the button; the curve follows the log.
    expect(await levels(desk)).toBe('8,6');
    await desk.getByLabel("Customer's anger", { exact: true }).focus();
    await desk.keyboard.press('ArrowUp');
    await desk.locator('#anger-curve[data-levels="8,6,7"]').waitFor();
    const pointsAtSeven = await desk.locator('#anger-curve polyline').getAttribute('points');
    await desk.getByRole('button', { name: 'Calmer' }).click();
    await desk.locator('#anger-curve[data-levels="8,6,7,6"]').waitFor();
    await desk.getByRole('button', { name: 'Calmer' }).click();
    await desk.locator('#anger-curve[data-levels="8,6,7,6,5"]').waitFor();
    expect(await desk.locator('#anger-curve polyline').getAttribute('points')).not.toBe(
      pointsAtSeven,
    );
    expect(await desk.locator('#anger-value').textContent()).toBe('5');

    // A checkpoint, once; a private note the candidate never sees.
    const acknowledge = desk.getByLabel(/Apologises and takes ownership/);
    await acknowledge.check();
    await desk
      .locator('#checkpoints')
      .getByText(/ticked at \d\d:\d\d/)
      .waitFor();
    // Still open to an untick by hand (desk.browser-spec.ts).
    expect(await acknowledge.isChecked()).toBe(true);
    await desk.getByRole('textbox', { name: 'Private note' }).fill(SECRET_NOTE);
    await desk.getByRole('button', { name: 'Add note' }).click();
    await desk.locator('#notes').getByText(SECRET_NOTE).waitFor();
    expect(await desk.getByRole('textbox', { name: 'Private note' }).inputValue()).toBe('');
    // The customer's next line reaches the candidate, past the events they may not see.
    await composer.fill('So where is my money?');
    await composer.press('Enter');
    await bubbles(room).filter({ hasText: 'So where is my money?' }).waitFor();

    // The candidate's help-center use shows in the activity as it happens.
    await room.getByLabel('Search the help center').fill('duplicate charges');
    await room.getByLabel('Search the help center').press('Enter');
    const activity = desk.locator('#activity');
    await activity.getByText('searched for "duplicate charges"').waitFor();
    const firstResult = room.locator('#help-results button').first();
    const title = await firstResult.textContent();
    await firstResult.click();
    await activity.getByText(`opened "${title}"`).waitFor();
    // Attention: a paste into the reply box is a flag, not a verdict.
    await room.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: pageApp.url,
    });
    await room.evaluate("navigator.clipboard.writeText('Sorry for any inconvenience.')");
    await reply.focus();
    await room.keyboard.press('ControlOrMeta+V');
    await activity.locator('.flag', { hasText: 'pasted into the reply' }).waitFor();
    await reply.fill('');
    await screenshot(desk, 'interviewer-console');

    // The candidate's connection drops while the customer writes; back, the line shows once.
    const roomContext = room.context();
    await roomContext.setOffline(true);
    const reconnecting = room.getByRole('status').filter({ hasText: 'Reconnecting' });
    await reconnecting.waitFor();
    await desk.getByText('Candidate not connected').waitFor();
    const duringDrop = 'Hello?? Did you find my money or not?';
    await composer.fill(duringDrop);
    await desk.getByRole('button', { name: 'Send', exact: true }).click();
    await bubbles(desk).filter({ hasText: duringDrop }).waitFor();
    expect(await bubbles(room).filter({ hasText: duringDrop }).count()).toBe(0);
    await roomContext.setOffline(false);
    await reconnecting.waitFor({ state: 'hidden' });
    await bubbles(room).filter({ hasText: duringDrop }).waitFor();
    await reply.fill('Yes: nine refunds are on their way.');
    await reply.press('Enter');
    await bubbles(desk).filter({ hasText: 'nine refunds' }).waitFor();
    expect(await bubbles(room).filter({ hasText: duringDrop }).count()).toBe(1);
    expect(await bubbles(room).count()).toBe(6);
    // The note, the anger and the checkpoint never reach the candidate: not on the page, not in its data.
    expect(await room.content()).not.toContain('note 7f3a');
    expect(
      Object.keys(JSON.parse((await room.locator('#room-data').textContent())!)).sort(),
    ).toEqual([
      'briefing',
      'candidateName',
      'company',
      'desk',
      'mode',
      'practiceMinutes',
      'product',
      'serverTime',
      'sessionId',
      'status',
      'timeLimitMinutes',
      'token',
    ]);

    // Solved, then ended after a confirmation.
    await desk.getByRole('button', { name: 'Mark solved' }).click();
    await desk.locator('#solved').waitFor();
    await desk.getByRole('button', { name: 'End the role-play' }).click();
    await desk.getByRole('button', { name: 'Keep going' }).click();
    expect(await desk.locator('#status').textContent()).toBe('Live');
    await desk.getByRole('button', { name: 'End the role-play' }).click();
    await desk.getByRole('button', { name: 'Yes, end the role-play' }).click();
    await room.getByText('The chat has ended. Thank you for taking part!').waitFor();
    const rating = desk.locator('#rating');
    await rating.getByRole('heading', { name: 'Rate the role-play' }).waitFor();
    expect(await desk.locator('#status').textContent()).toBe('Ended');
    const clockAtEnd = await desk.locator('#clock').textContent();
    expect(clockAtEnd).toMatch(/^\d\d:\d\d$/);

    // Evidence without a score would be lost: the form says so instead of dropping it.
    await rating.getByLabel('Evidence for Rapport').fill('Used her name');
    await rating.getByRole('button', { name: 'Save draft' }).click();
    await rating.getByRole('alert').filter({ hasText: 'Pick a score for Rapport' }).waitFor();
    await rating.getByLabel('Evidence for Rapport').fill('');

    // A draft is kept across a reload; an incomplete submission says what is missing.
    const group = (name: string) => rating.getByRole('group', { name, exact: true });
    await group('De-escalation')
      .getByRole('radio', { name: /^4 strong yes/ })
      .check();
    await rating.getByLabel('Evidence for De-escalation').fill('Named the rent before anything');
    await rating.getByRole('button', { name: 'Save draft' }).click();
    await rating.getByText(/Draft saved at/).waitFor();
    await rating.getByRole('button', { name: 'Submit rating' }).click();
    await rating.getByRole('alert').filter({ hasText: 'still missing' }).waitFor();
    await desk.reload();
    await rating.getByRole('heading', { name: 'Rate the role-play' }).waitFor();
    await rating.locator('input[name="attr-de-escalation"][value="4"]:checked').waitFor();
    expect(await rating.getByLabel('Evidence for De-escalation').inputValue()).toBe(
      'Named the rent before anything',
    );
    expect(await desk.locator('#clock').textContent()).toBe(clockAtEnd);

    for (const attribute of ['Problem solving', 'Clear communication', 'Rapport']) {
      await group(attribute)
        .getByRole('radio', { name: /^3 yes/ })
        .check();
    }
    await group('As this customer, how satisfied would you be?')
      .getByRole('radio', { name: '4' })
      .check();
    await group(
      'How do you work with the product team when customers keep reporting the same problem?',
    )
      .getByRole('radio', { name: '3 yes' })
      .check();
    await rating.getByLabel('Notes on the answer').fill('Counts the reports, files one ticket');
    await group('Your recommendation').getByRole('radio', { name: 'Strong yes' }).check();
    await screenshot(desk, 'rating-form');
    await rating.getByRole('button', { name: 'Submit rating' }).click();
    const scorecard = rating.getByRole('link', { name: "Open Ada Lovelace's scorecard" });
    await scorecard.waitFor();
    const candidateId = (await desk.request
      .get(`${pageApp.url}/api/sessions/${sessionId}`)
      .then((response) => response.json())) as { candidate: { id: string } };
    expect(await scorecard.getAttribute('href')).toBe(`/candidates/${candidateId.candidate.id}`);
    expect(await rating.getByRole('button', { name: 'Submit rating' }).isHidden()).toBe(true);

    // What the page sent is what the log and the rating hold.
    const events = (await (
      await desk.request.get(`${pageApp.url}/api/sessions/${sessionId}/events`)
    ).json()) as Array<{ type: string; actor: string; payload: Record<string, unknown> }>;
    expect(events.filter((e) => e.type === 'chat.message' && e.payload.text === edited)).toEqual([
      expect.objectContaining({
        actor: 'customer',
        payload: { text: edited, beatId: 'sincere-apology' },
      }),
    ]);
    expect(events.filter((e) => e.type === 'anger.changed').map((e) => e.payload.level)).toEqual([
      6, 7, 6, 5,
    ]);
    expect(
      events.filter((e) => e.type === 'chat.message' && e.payload.text === duringDrop),
    ).toHaveLength(1);
    const [saved] = (await (
      await desk.request.get(`${pageApp.url}/api/sessions/${sessionId}/ratings`)
    ).json()) as Array<Record<string, unknown>>;
    expect(saved).toMatchObject({
      csat: 4,
      recommendation: 'strong-yes',
      productTeam: { score: 3, notes: 'Counts the reports, files one ticket' },
      submittedAt: expect.any(String),
    });
    expect(saved.attributes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'de-escalation',
          score: 4,
          evidence: 'Named the rent before anything',
        }),
        expect.objectContaining({ id: 'rapport', score: 3 }),
      ]),
    );
  }, 120_000);

  it('shows a manager the live console read-only, and another interviewer a not-found page', async () => {
    const interviewer = await createStaff(pageApp.app, 'interviewer');
    const session = await scheduleSession(pageApp.app, interviewer);
    const customer = await RoleplayClient.connect(pageApp.url, {
      token: await staffToken(pageApp.app, interviewer),
      sessionId: session.id,
    });
    try {
      expect((await customer.act('session:start')).ok).toBe(true);
      expect((await customer.act('anger:set', { level: 10 })).ok).toBe(true);
      expect((await customer.act('note:add', { text: 'Watch the refund timing' })).ok).toBe(true);

      const manager = await createStaff(pageApp.app, 'manager');
      const watching = await (await newContext(manager)).newPage();
      await watching.goto(`${pageApp.url}/sessions/${session.id}`);
      await watching.getByText('You are watching this role-play.').waitFor();
      await bubbles(watching).filter({ hasText: OPENING }).waitFor();
      await watching.locator('#anger-curve[data-levels="8,10"]').waitFor();
      await watching.locator('#notes').getByText('Watch the refund timing').waitFor();
      expect(await watching.getByLabel("Customer's anger", { exact: true }).isDisabled()).toBe(
        true,
      );
      for (const box of await watching.locator('#checkpoints input').all()) {
        expect(await box.isDisabled()).toBe(true);
      }
      for (const absent of [
        '#composer',
        '#note-form',
        '#start',
        '#end',
        '#rating',
        '[data-beat]',
      ]) {
        expect({ absent, count: await watching.locator(absent).count() }).toEqual({
          absent,
          count: 0,
        });
      }

      // Live: what the interviewer does appears for the observer too.
      expect((await customer.act('chat:send', { text: 'Is anyone there?' })).ok).toBe(true);
      await bubbles(watching).filter({ hasText: 'Is anyone there?' }).waitFor();
      expect((await customer.act('checkpoint:hit', { checkpointId: 'acknowledge' })).ok).toBe(true);
      await watching.locator('#checkpoints input[value="acknowledge"]:checked').waitFor();
      expect((await customer.act('session:end')).ok).toBe(true);
      await watching.locator('#status', { hasText: 'Ended' }).waitFor();
      expect(await watching.locator('#rating').count()).toBe(0);
      await screenshot(watching, 'interviewer-console-observer');
      // On a phone the panels stack, without sideways scrolling.
      await watching.setViewportSize({ width: 375, height: 740 });
      expect(await watching.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
        375,
      );

      const other = await createStaff(pageApp.app, 'interviewer');
      const stranger = await (await newContext(other)).newPage();
      const response = await stranger.goto(`${pageApp.url}/sessions/${session.id}`);
      expect(response?.status()).toBe(404);
      await stranger.getByRole('heading', { name: 'Not found' }).waitFor();
      expect(await stranger.content()).not.toContain('Test Candidate');
    } finally {
      customer.close();
    }
  });

  it('lets the interviewer replace the candidate link from the console, then revoke it', async () => {
    const interviewer = await createStaff(pageApp.app, 'interviewer');
    const session = await scheduleSession(pageApp.app, interviewer);
    const desk = await (await newContext(interviewer)).newPage();
    await desk.goto(`${pageApp.url}/sessions/${session.id}`);
    await desk.getByText('Candidate link', { exact: true }).click();

    await desk.getByRole('button', { name: 'New candidate link' }).click();
    await desk.getByText('Here is the new link. The old one no longer works.').waitFor();
    const fresh = await desk.getByLabel('New candidate link').inputValue();
    expect(fresh).toMatch(new RegExp(`^${pageApp.url}/join/hsl_`));
    expect((await fetch(session.candidateUrl)).status).toBe(404);
    expect((await fetch(fresh)).status).toBe(200);
    await screenshot(desk, 'console-candidate-link');

    await desk.getByRole('button', { name: 'Revoke candidate link' }).click();
    await desk.getByText('Revoke it? The candidate can no longer join with it.').waitFor();
    await desk.getByRole('button', { name: 'Yes, revoke the link' }).click();
    await desk
      .getByText('Revoked: the candidate’s link no longer works.', { exact: false })
      .waitFor();
    expect(await desk.getByLabel('New candidate link').isVisible()).toBe(false);
    expect((await fetch(fresh)).status).toBe(404);
  });
});
