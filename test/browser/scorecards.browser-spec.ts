import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import request from 'supertest';
import { METRIC_DEFINITIONS, type SessionMetrics } from '@hotseat/metrics';
import { completeRating, signedInStaff, type TestStaff } from '../support/factories';
import { RoleplayClient } from '../support/roleplay-client';
import {
  launchBrowser,
  SCREENSHOT_DIR,
  screenshot,
  staffContext,
  startPageApp,
  type PageApp,
} from '../support/browser';

const SCENARIO = 'charged-ten-times';
/** How long the slower candidate takes to solve: room enough to measure the replay's speeds on. */
const SLOW_MS = 4000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Staff = TestStaff & { token: string };
type Sides = { host: RoleplayClient; guest: RoleplayClient };
interface Played {
  id: string;
  name: string;
  sessionId: string;
  figures: SessionMetrics;
}

describe('the scorecard and the comparison, in Chromium', () => {
  let pageApp: PageApp;
  let browser: Browser;
  let manager: Staff;
  let interviewer: Staff;
  let opening: { id: string; title: string };
  let fast: Played;
  let slow: Played;

  const api = (token: string) => ({
    get: (path: string) => request(pageApp.url).get(path).auth(token, { type: 'bearer' }),
    post: (path: string) => request(pageApp.url).post(path).auth(token, { type: 'bearer' }),
    put: (path: string) => request(pageApp.url).put(path).auth(token, { type: 'bearer' }),
  });

  const ok = async (pending: Promise<{ ok: boolean }>) =>
    expect(await pending).toMatchObject({ ok: true });

  /** A role-play over the real sockets: `script` acts as both sides between the start and the end. */
  async function play(
    session: { id: string; candidateToken: string },
    by: Staff,
    script: (sides: Sides) => Promise<void> = () => Promise.resolve(),
  ) {
    const host = await RoleplayClient.connect(pageApp.url, {
      token: by.token,
      sessionId: session.id,
    });
    const guest = await RoleplayClient.connect(pageApp.url, { token: session.candidateToken });
    try {
      await ok(host.act('session:start'));
      await script({ host, guest });
      await ok(host.act('session:end'));
    } finally {
      host.close();
      guest.close();
    }
  }

  async function schedule(candidateId: string, by: Staff, interviewerId?: string) {
    const response = await api(by.token)
      .post('/api/sessions')
      .send({ candidateId, scenarioId: SCENARIO, interviewerId })
      .expect(201);
    return response.body as { id: string; candidateToken: string };
  }

  /** A candidate of the opening whose role-play `script` plays and solves, then rated. */
  async function candidate(name: string, score: number, script: (sides: Sides) => Promise<void>) {
    const { id } = (
      await api(interviewer.token)
        .post('/api/candidates')
        .send({
          name,
          email: `${name.split(' ')[0].toLowerCase()}@example.com`,
          openingId: opening.id,
        })
        .expect(201)
    ).body as { id: string };
    const session = await schedule(id, interviewer);
    await play(session, interviewer, async (sides) => {
      await script(sides);
      await ok(sides.host.act('session:solve'));
    });
    await api(interviewer.token)
      .post(`/api/sessions/${session.id}/ratings`)
      .send(completeRating(score))
      .expect(200);
    const card = await api(manager.token).get(`/api/candidates/${id}/scorecard`).expect(200);
    return {
      id,
      name,
      sessionId: session.id,
      figures: card.body.sessions[0].figures as SessionMetrics,
    };
  }

  beforeAll(async () => {
    pageApp = await startPageApp();
    browser = await launchBrowser();
    manager = await signedInStaff(pageApp.app, 'manager');
    interviewer = await signedInStaff(pageApp.app, 'interviewer');
    opening = (
      await api(manager.token)
        .post('/api/openings')
        .send({ title: 'Night support', scenarioIds: [SCENARIO] })
        .expect(201)
    ).body as { id: string; title: string };

    fast = await candidate('Ada Quick', 4, async ({ host, guest }) => {
      await ok(
        guest.act('chat:send', { text: '<b>bold</b> Hi Dana, I am so sorry. Let me look.' }),
      );
      await ok(host.act('anger:set', { level: 9 }));
      await ok(host.act('note:add', { text: 'Owned it at once' }));
      await ok(guest.act('help:search', { query: 'duplicate charge' }));
      await ok(guest.act('help:open', { articleId: 'duplicate-charges-incident' }));
      await ok(guest.act('help:close', { articleId: 'duplicate-charges-incident' }));
      await ok(host.act('checkpoint:hit', { checkpointId: 'acknowledge' }));
      await ok(guest.act('chat:send', { text: 'I have refunded the nine duplicate charges.' }));
      await ok(host.act('anger:set', { level: 2 }));
    });
    slow = await candidate('Bo Slow', 2, async ({ host, guest }) => {
      await ok(guest.act('chat:send', { text: 'Please send me your order number.' }));
      await ok(host.act('anger:set', { level: 10 }));
      // The candidate takes their time: what the faster candidate is compared against.
      await pause(SLOW_MS);
      await ok(guest.act('chat:send', { text: 'Refunded.' }));
      await ok(host.act('anger:set', { level: 3 }));
    });

    const answered = (
      await api(interviewer.token)
        .post(`/api/candidates/${fast.id}/shadow-links`)
        .send({ hostName: 'Sam Rivera' })
        .expect(201)
    ).body as { token: string };
    await api(answered.token)
      .put('/api/shadow-feedback')
      .send({
        learning: { score: 4, notes: 'Asked how refunds flow' },
        understanding: { score: 3 },
        engagement: { score: 4 },
      })
      .expect(200);
    await api(interviewer.token)
      .post(`/api/candidates/${fast.id}/shadow-links`)
      .send({ hostName: 'Kim Lee' })
      .expect(201);
  });

  afterAll(async () => {
    await browser?.close();
    await pageApp?.close();
  });

  const asManager = async () =>
    (await staffContext(browser, pageApp, manager, { acceptDownloads: true })).newPage();
  const sessionOf = (page: Page, played: Played) => page.locator(`#session-${played.sessionId}`);
  const shownClock = (ms: number) => {
    const tenths = Math.floor(ms / 100);
    return `${Math.floor(tenths / 600)}:${((tenths % 600) / 10).toFixed(1).padStart(4, '0')}`;
  };

  it('shows the figures with their definitions, the curve, the transcript as text, ratings and shadowing', async () => {
    const page = await asManager();
    await page.goto(`${pageApp.url}/candidates/${fast.id}`);
    await page.getByRole('heading', { name: 'Ada Quick' }).waitFor();
    const session = sessionOf(page, fast);

    // By its heading: the row of the required checkpoints mentions the time to solution too.
    const solution = session
      .locator('table.figures tr')
      .filter({ has: page.locator('th', { hasText: /^Time to solution$/ }) });
    expect(await solution.textContent()).toContain(METRIC_DEFINITIONS.timeToSolutionMs);
    expect(await solution.textContent()).toContain(
      `${(fast.figures.timeToSolutionMs! / 1000).toFixed(1)} s`,
    );
    expect(await session.getByText(METRIC_DEFINITIONS['helpCenter.usage']).count()).toBe(1);

    // One point per anger change, the initial level included.
    expect(fast.figures.deEscalation.timeline).toHaveLength(3);
    expect(await session.locator('svg.anger-chart circle.point').count()).toBe(3);

    // Typed markup is text: the transcript shows it and builds no element from it.
    const transcript = session.locator('ol.transcript');
    await transcript.getByText('<b>bold</b> Hi Dana').waitFor();
    expect(await transcript.locator('b').count()).toBe(0);
    await transcript.getByText('Searched for "duplicate charge"').waitFor();
    await transcript.getByText('Owned it at once').waitFor();

    await session.getByText('signals, not verdicts').waitFor();
    await session.getByText('Recommendation: yes').waitFor();
    await session.getByText('Evidence: Seen: de-escalation').waitFor();
    await page.getByText('Asked how refunds flow').waitFor();
    await page.getByText("Waiting for Kim Lee's answers").waitFor();
    await page.locator('.formula').filter({ hasText: '35 × rubric 100.0' }).waitFor();

    // "First reply" moves the replay clock there: later lines are hidden until it plays on.
    const output = session.locator('.replay-clock');
    expect(await output.getAttribute('data-ms')).toBe(String(fast.figures.durationMs));
    await session.getByRole('button', { name: 'Jump to the first reply' }).click();
    const firstReply = fast.figures.firstResponseMs!;
    expect(await output.getAttribute('data-ms')).toBe(String(firstReply));
    expect(await output.textContent()).toBe(
      `${shownClock(firstReply)} of ${shownClock(fast.figures.durationMs!)}`,
    );
    expect(await transcript.getByText('<b>bold</b> Hi Dana').isVisible()).toBe(true);
    expect(await transcript.getByText('marked the issue solved').isVisible()).toBe(false);
    await session.getByRole('button', { name: 'Jump to the solve' }).click();
    expect(await output.getAttribute('data-ms')).toBe(String(fast.figures.timeToSolutionMs));
    expect(await transcript.getByText('marked the issue solved').isVisible()).toBe(true);
    // Calm: from the last time the anger reached its peak (9), to when it came down to 2.
    const [, peak, calm] = fast.figures.deEscalation.timeline;
    expect(calm.atMs - peak.atMs).toBe(fast.figures.deEscalation.timeToCalmMs);
    await session.getByRole('button', { name: 'Jump to the calm moment' }).click();
    expect(await output.getAttribute('data-ms')).toBe(String(calm.atMs));
    await screenshot(page, 'scorecard');
  });

  it("revokes a shadow host's link from the scorecard, keeping what they answered", async () => {
    const { id: candidateId } = (
      await api(interviewer.token)
        .post('/api/candidates')
        .send({ name: 'Cy Shadowed', email: 'cy@example.com' })
        .expect(201)
    ).body as { id: string };
    const link = (
      await api(interviewer.token)
        .post(`/api/candidates/${candidateId}/shadow-links`)
        .send({ hostName: 'Noor Host' })
        .expect(201)
    ).body as { token: string };
    await api(link.token)
      .put('/api/shadow-feedback')
      .send({
        learning: { score: 3, notes: 'Kept asking good questions' },
        understanding: { score: 3 },
        engagement: { score: 4 },
      })
      .expect(200);

    const page = await asManager();
    await page.goto(`${pageApp.url}/candidates/${candidateId}`);
    const host = page.locator('.shadow-feedback').filter({ hasText: 'Noor Host' });
    await host.getByRole('button', { name: 'Revoke link' }).click();
    await host.getByText("Revoke Noor Host's link? What they answered stays.").waitFor();
    await host.getByRole('button', { name: 'Yes, revoke it' }).click();
    await host.getByRole('status').filter({ hasText: 'The link was revoked just now.' }).waitFor();
    await api(link.token).get('/api/shadow-feedback').expect(401);

    await page.reload();
    await host.getByText('The link was revoked on').waitFor();
    await host.getByText('Kept asking good questions').waitFor();
    expect(await host.getByRole('button', { name: 'Revoke link' }).count()).toBe(0);
    await screenshot(page, 'scorecard-shadow-link-revoked');
  });

  it('replays at 1x, 4x and 16x', async () => {
    const page = await asManager();
    await page.goto(`${pageApp.url}/candidates/${slow.id}`);
    const session = sessionOf(page, slow);
    const clock = `#session-${slow.sessionId} .replay-clock`;
    /**
     * Replay milliseconds per real millisecond over `windowMs`, measured in the page (with `play`,
     * between a click on Play and one on Pause there), so that the test's own latency cannot eat
     * the few seconds of log a 16x replay runs through. A string: the page's DOM types are not the
     * test's. Both readings come right after a frame, when the replay has drawn its clock.
     */
    const measure = (windowMs: number, play: boolean) =>
      page.evaluate<{ rate: number; label: string }>(`(async () => {
        const output = document.querySelector(${JSON.stringify(clock)});
        const button = document.querySelector('#session-${slow.sessionId} [data-replay="play"]');
        const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
        if (${play}) button.click();
        await frame();
        const time1 = await frame();
        const clock1 = Number(output.dataset.ms);
        await new Promise((resolve) => setTimeout(resolve, ${windowMs}));
        const time2 = await frame();
        const clock2 = Number(output.dataset.ms);
        const label = button.textContent;
        if (${play}) button.click();
        return { rate: (clock2 - clock1) / (time2 - time1), label };
      })()`);
    const speed = (name: string) => session.getByRole('button', { name, exact: true });
    async function rateAt(name: string, windowMs: number) {
      await session.getByRole('button', { name: 'Jump to the first reply' }).click();
      await speed(name).click();
      expect(await speed(name).getAttribute('aria-pressed')).toBe('true');
      expect(await page.locator(`#session-${slow.sessionId}`).getAttribute('data-speed')).toBe(
        name.replace('x', ''),
      );
      const { rate, label } = await measure(windowMs, true);
      expect(label).toBe('Pause');
      return rate;
    }

    const at16 = await rateAt('16x', 120);
    expect(await speed('1x').getAttribute('aria-pressed')).toBe('false');
    const at4 = await rateAt('4x', 200);
    const at1 = await rateAt('1x', 300);
    expect(at16).toBeGreaterThan(12);
    expect(at16).toBeLessThan(20);
    expect(at4).toBeGreaterThan(3);
    expect(at4).toBeLessThan(5);
    expect(at1).toBeGreaterThan(0.75);
    expect(at1).toBeLessThan(1.25);

    // Paused, the clock holds; played on to the end, the whole transcript is back.
    const held = Number(await page.locator(clock).getAttribute('data-ms'));
    expect(held).toBeGreaterThan(slow.figures.firstResponseMs!);
    expect(held).toBeLessThan(slow.figures.durationMs!);
    expect(await session.getByText('The interviewer ended the role-play').isVisible()).toBe(false);
    expect((await measure(100, false)).rate).toBe(0);
    await speed('16x').click();
    await session.getByRole('button', { name: 'Play', exact: true }).click();
    await session.getByRole('button', { name: 'Play', exact: true }).waitFor();
    expect(await page.locator(clock).getAttribute('data-ms')).toBe(String(slow.figures.durationMs));
    expect(await session.getByText('The interviewer ended the role-play').isVisible()).toBe(true);
  });

  it('prints the transcript with or without the notes', async () => {
    const page = await asManager();
    await page.goto(`${pageApp.url}/candidates/${fast.id}`);
    await sessionOf(page, fast).getByRole('link', { name: 'with the notes' }).click();
    await page.waitForURL(/\/transcript\?notes=true$/);
    await page.getByRole('heading', { name: 'Transcript: Ada Quick' }).waitFor();
    await page.getByText('Owned it at once').waitFor();
    await page.getByText('<b>bold</b> Hi Dana').waitFor();
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'transcript-print');

    const transcript = `${pageApp.url}/candidates/${fast.id}/sessions/${fast.sessionId}/transcript`;
    await page.goto(`${transcript}?notes=false`);
    await page.getByText('I have refunded the nine duplicate charges.').waitFor();
    expect(await page.getByText('Owned it at once').count()).toBe(0);
    const wrong = await page.goto(`${transcript}?notes=maybe`);
    expect(wrong?.status()).toBe(400);
    await page.getByText('notes must be true or false.').waitFor();
    const elsewhere = await page.goto(
      `${pageApp.url}/candidates/${slow.id}/sessions/${fast.sessionId}/transcript`,
    );
    expect(elsewhere?.status()).toBe(404);
  });

  it('compares the candidates of an opening, blind or not, and downloads the CSV', async () => {
    const page = await asManager();
    // The dashboard links here with the opening chosen.
    await page.goto(`${pageApp.url}/compare?openingId=${opening.id}`);
    await page.getByLabel('Ada Quick').waitFor();
    expect(await page.locator('#pick select[name="openingId"]').inputValue()).toBe(opening.id);

    await page.goto(`${pageApp.url}/compare`);
    await page.locator('#pick select[name="openingId"]').selectOption({ label: opening.title });
    await page.getByLabel('Ada Quick').check();
    await page.getByLabel('Bo Slow').check();
    await page.getByRole('button', { name: 'Compare' }).click();
    const result = page.locator('#comparison');
    await result.waitFor();

    const column = async (name: string) =>
      (await result.locator('thead th').allTextContents()).findIndex((t) => t.includes(name)) - 1;
    const cell = async (row: string, name: string): Promise<Locator> =>
      result.locator(`tr[data-row="${row}"] td`).nth(await column(name));
    expect(await column('Ada Quick')).toBeGreaterThanOrEqual(0);
    expect(await column('Bo Slow')).toBeGreaterThanOrEqual(0);
    const faster = await cell('timeToSolutionMs', 'Ada Quick');
    const slower = await cell('timeToSolutionMs', 'Bo Slow');
    expect(await faster.getAttribute('class')).toBe('best');
    expect(await faster.textContent()).toContain('★ Best');
    expect(await faster.textContent()).toContain('percentile');
    expect(await slower.getAttribute('class')).not.toBe('best');
    expect(await slower.textContent()).not.toContain('Best');
    // Signals are marked as such and never ranked.
    const signals = result.locator('tr.signal');
    expect(await signals.count()).toBeGreaterThan(5);
    expect(await signals.first().textContent()).toContain('signal');
    expect(await signals.locator('td.best').count()).toBe(0);
    // One curve per candidate, overlaid, and named in the legend.
    expect(await result.locator('#curves svg.anger-chart g.series').count()).toBe(2);
    expect(await result.locator('#curves .legend').textContent()).toMatch(
      /Bo Slow.*Ada Quick|Ada Quick.*Bo Slow/,
    );
    await screenshot(page, 'comparison');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      result.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    const rows = parse<Record<string, string>>(readFileSync(await download.path(), 'utf8'), {
      columns: true,
      bom: true,
    });
    expect(rows.map((row) => row.Candidate).sort()).toEqual(['Ada Quick', 'Bo Slow']);
    expect(rows.find((row) => row.Candidate === 'Ada Quick')!['Best at']).toContain(
      'Time to solution',
    );

    await page.getByLabel(/Blind/).check();
    await result.locator('thead th').filter({ hasText: 'Candidate 1' }).waitFor();
    await result.locator('thead th').filter({ hasText: 'Candidate 2' }).waitFor();
    const shown = await result.textContent();
    expect(shown).not.toContain('Ada Quick');
    expect(shown).not.toContain('Bo Slow');
    expect(await result.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toMatch(
      /&blind=true&format=csv$/,
    );
  });

  it('shows an interviewer who rated every figure, but only the transcripts of their own role-plays', async () => {
    const other = await signedInStaff(pageApp.app, 'interviewer');
    const { id } = (
      await api(manager.token)
        .post('/api/candidates')
        .send({ name: 'Cy Shared', email: 'cy@example.com' })
        .expect(201)
    ).body as { id: string };
    const mine = await schedule(id, manager, interviewer.id);
    const theirs = await schedule(id, manager, other.id);
    await play(mine, interviewer);
    await play(theirs, other);

    // Not rated yet: the page says why and what to do, as the API does.
    const refused = await (await staffContext(browser, pageApp, other)).newPage();
    expect((await refused.goto(`${pageApp.url}/candidates/${id}`))?.status()).toBe(403);
    await refused.getByText('Submit your own rating of this candidate first').waitFor();

    await api(interviewer.token)
      .post(`/api/sessions/${mine.id}/ratings`)
      .send(completeRating(3))
      .expect(200);
    await api(other.token)
      .post(`/api/sessions/${theirs.id}/ratings`)
      .send(completeRating(1))
      .expect(200);
    const phone = { viewport: { width: 375, height: 740 } };
    const page = await (await staffContext(browser, pageApp, interviewer, phone)).newPage();
    await page.goto(`${pageApp.url}/candidates/${id}`);
    await page
      .locator(`#session-${mine.id} ol.transcript`)
      .getByText('The role-play started')
      .waitFor();
    await page
      .locator(`#session-${theirs.id}`)
      .getByText('for the interviewer who ran it')
      .waitFor();
    expect(await page.locator(`#session-${theirs.id} ol.transcript`).count()).toBe(0);
    expect(await page.locator(`#session-${theirs.id} table.figures`).count()).toBe(1);
    // 3 against 1: the raters' disagreement is called out.
    const disagreements = page.getByRole('region', { name: 'Raters disagree' });
    await disagreements.getByText('De-escalation (2 points apart)').waitFor();
    // On a phone, wide tables scroll inside their box; the page itself does not.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
  });
  it('shows the desk: each action with its time, the mistake, the email and the report beside the product-team question', async () => {
    const duplicates = ['P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9', 'P10'];
    const desk = await candidate('Cleo Desk', 3, async ({ host, guest }) => {
      await ok(guest.act('chat:send', { text: 'Dana, I am so sorry. That is on us.' }));
      await ok(host.act('checkpoint:hit', { checkpointId: 'acknowledge' }));
      await ok(guest.act('desk:view', { recordId: 'payments' }));
      await ok(
        guest.act('desk:act', {
          actionId: 'refund',
          input: { payments: duplicates, reason: 'Duplicate charge' },
        }),
      );
      // The story's mistake, a moment later: P1 is the valid ticket.
      await pause(50);
      await ok(
        guest.act('desk:act', {
          actionId: 'refund',
          input: { payments: ['P1'], reason: 'Customer request' },
        }),
      );
      await ok(
        guest.act('desk:act', {
          actionId: 'goodwill-credit',
          input: { amount: 35, reason: 'Your overdraft fee' },
        }),
      );
      await ok(
        guest.act('desk:email', {
          subject: 'Your refund of $801',
          body: 'Hi Dana,\nThe nine duplicate charges ($801) are refunded: 3-5 business days.',
        }),
      );
      await ok(
        guest.act('desk:report', {
          title: '<b>Ten</b> charges for one ticket',
          body: 'The payment incident charged one ticket ten times.',
          steps: 'Buy a ticket during the incident.',
          impact: 'Overdrafts and bank fees.',
          customersAffected: 'Unknown; at least one.',
          suggestion: 'Refund every duplicate of the incident at once.',
        }),
      );
    });
    expect(desk.figures.mistakes).toHaveLength(1);

    const page = await asManager();
    await page.goto(`${pageApp.url}/candidates/${desk.id}`);
    const session = sessionOf(page, desk);
    const part = session.getByRole('region', { name: 'The desk' });
    await part.waitFor();
    const firstAction = `${(desk.figures.timeToFirstActionMs! / 1000).toFixed(1)} s`;
    expect(await part.locator('.desk-facts').textContent()).toContain(firstAction);
    const actions = part.locator('ol.desk-actions > li');
    expect(await actions.count()).toBe(3);
    expect(await actions.nth(0).textContent()).toContain(
      `Payments to refund: ${duplicates.join(', ')}; Reason: Duplicate charge`,
    );
    expect(await actions.nth(1).getAttribute('class')).toBe('mistake');
    expect(await actions.nth(1).textContent()).toContain(
      'mistake Refunded P1, the payment of the valid ticket',
    );
    await part.getByText('Your refund of $801').waitFor();
    await part.getByText('3-5 business days: mentioned').waitFor();
    await part.getByText('a signal, not a verdict').waitFor();
    // Typed markup in the report is text.
    await part.getByText('<b>Ten</b> charges for one ticket').waitFor();
    expect(await part.locator('b').count()).toBe(0);
    await part.getByText('Refund every duplicate of the incident at once.').waitFor();
    // The report and the product-team question side by side on a wide screen.
    const report = part.getByRole('region', { name: 'Report to the product team' });
    const question = part.getByRole('region', { name: 'The product-team question' });
    await question.getByText('Files a ticket with a count of reports').waitFor();
    const [left, right] = [await report.boundingBox(), await question.boundingBox()];
    expect(right!.x).toBeGreaterThan(left!.x + left!.width - 1);
    expect(Math.abs(right!.y - left!.y)).toBeLessThan(2);

    // Checkpoints say who met them; the transcript marks the mistaken action.
    await session.locator('ol.checkpoints').getByText('(met by the desk)').first().waitFor();
    await session.locator('ol.checkpoints').getByText('(ticked by the interviewer)').waitFor();
    const mistaken = session.locator('ol.transcript li.line.desk.mistake');
    expect(await mistaken.count()).toBe(1);
    expect(await mistaken.textContent()).toContain('Mistake: Refunded P1');
    await part.screenshot({ path: join(SCREENSHOT_DIR, 'scorecard-desk.png') });
    await screenshot(page, 'scorecard-with-desk');
    // The replay jumps to the first action: what came after it is hidden until it plays on.
    await session.getByRole('button', { name: 'Jump to the first action' }).click();
    expect(await session.locator('.replay-clock').getAttribute('data-ms')).toBe(
      String(desk.figures.timeToFirstActionMs),
    );
    expect(await mistaken.isVisible()).toBe(false);
    await session.getByRole('button', { name: 'Play', exact: true }).waitFor();
  });
});
