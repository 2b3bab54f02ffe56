import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { completeRating, signedInStaff, type TestStaff } from './support/factories';
import { RoleplayClient, type Ack, type WireEvent } from './support/roleplay-client';
import { untilDatabaseClock } from './support/clock';
import { createTestDatabase, databaseKind, type TestDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';

const SCENARIO = 'charged-ten-times';
const DUPLICATES = ['P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9', 'P10'];
const REQUIRED = [
  'acknowledge',
  'find-duplicates',
  'refund-nine',
  'set-timing',
  'confirm-in-writing',
];
const EMAIL = {
  subject: 'Your refund of $801 for order TX-48213',
  body: 'Hi Dana,\nWe refunded the nine duplicate charges, $801 in all. Your debit card gets the money back in 3-5 business days.\nYour ticket stays valid.',
};
const REPORT = {
  title: 'Payment bug <i>charged</i> one ticket ten times',
  body: 'The payment incident of Tuesday morning captured ten charges of $89 for one ticket.',
  steps: 'Buy one ticket during the incident window; look at the Payments tab.',
  impact: 'Customers overdrawn before rent; bank fees.',
  customersAffected: 'At least one today; the incident ran for an hour.',
};

/**
 * The agent desk's figures on the scorecard, the comparison and both CSV exports: one candidate
 * solves the Tixly role-play on the desk (lookups, refunds, a credit, the email, a report), another
 * makes the story's mistake and never confirms. Expected times come from the logged events' `at`.
 */
describe(`the desk's figures on scorecards, comparisons and exports (${databaseKind} database)`, () => {
  let database: TestDatabase;
  let testApp: TestApp;
  let interviewer: TestStaff & { token: string };
  let manager: TestStaff & { token: string };
  let opening: { id: string };
  const doer = { id: '', sessionId: '', events: [] as WireEvent[] };
  const mistaken = { id: '', sessionId: '', events: [] as WireEvent[] };
  const clients: RoleplayClient[] = [];

  const api = (token: string) => ({
    get: (path: string) => request(testApp.url).get(path).auth(token, { type: 'bearer' }),
    post: (path: string) => request(testApp.url).post(path).auth(token, { type: 'bearer' }),
  });

  const ok = async (pending: Promise<Ack>) => {
    const ack = await pending;
    expect(ack).toMatchObject({ ok: true });
    return ack;
  };

  const logClockPast = (event: { at: string }, ms: number) =>
    untilDatabaseClock(testApp.app.get(DataSource), Date.parse(event.at) + ms);

  async function candidate(name: string) {
    const response = await api(interviewer.token)
      .post('/api/candidates')
      .send({
        name,
        email: `${name.split(' ')[0].toLowerCase()}@example.com`,
        openingId: opening.id,
      })
      .expect(201);
    return (response.body as { id: string }).id;
  }

  /** A role-play of `candidateId` over the real sockets, `script` between its start and its end. */
  async function play(
    candidateId: string,
    script: (sides: {
      host: RoleplayClient;
      guest: RoleplayClient;
      started: WireEvent;
    }) => Promise<void>,
  ) {
    const session = (
      await api(interviewer.token)
        .post('/api/sessions')
        .send({ candidateId, scenarioId: SCENARIO })
        .expect(201)
    ).body as { id: string; candidateToken: string };
    const host = await RoleplayClient.connect(testApp.url, {
      token: interviewer.token,
      sessionId: session.id,
    });
    const guest = await RoleplayClient.connect(testApp.url, { token: session.candidateToken });
    clients.push(host, guest);
    const started = await ok(host.act('session:start'));
    await script({ host, guest, started: started.event! });
    await ok(host.act('session:end'));
    const events = (
      await api(interviewer.token).get(`/api/sessions/${session.id}/events`).expect(200)
    ).body as WireEvent[];
    return { sessionId: session.id, events };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp(database.environment);
    interviewer = await signedInStaff(testApp.app, 'interviewer');
    manager = await signedInStaff(testApp.app, 'manager');
    opening = (
      await api(manager.token)
        .post('/api/openings')
        .send({ title: 'Payments desk', scenarioIds: [SCENARIO] })
        .expect(201)
    ).body as { id: string };

    doer.id = await candidate('Dee Doer');
    let firstActionMs = 0;
    Object.assign(
      doer,
      await play(doer.id, async ({ host, guest, started }) => {
        await ok(
          guest.act('chat:send', { text: 'Dana, I am so sorry. That is on us; let me fix it.' }),
        );
        await ok(host.act('checkpoint:hit', { checkpointId: 'acknowledge' }));
        await ok(guest.act('desk:view', { recordId: 'order' }));
        const viewed = await ok(guest.act('desk:view', { recordId: 'payments' }));
        await ok(host.act('checkpoint:hit', { checkpointId: 'find-duplicates' }));
        await logClockPast(viewed.event!, 30);
        const refund = await ok(
          guest.act('desk:act', {
            actionId: 'refund',
            input: { payments: DUPLICATES, reason: 'Duplicate charge' },
          }),
        );
        firstActionMs = Date.parse(refund.event!.at) - Date.parse(started.at);
        await ok(guest.act('desk:view', { recordId: 'credits' }));
        await ok(
          guest.act('desk:act', {
            actionId: 'goodwill-credit',
            input: { amount: 35, reason: 'Your overdraft fee' },
          }),
        );
        await ok(guest.act('chat:send', { text: 'The money is back in 3-5 business days.' }));
        await ok(host.act('checkpoint:hit', { checkpointId: 'set-timing' }));
        const emailed = await ok(guest.act('desk:email', EMAIL));
        await logClockPast(emailed.event!, 20);
        await ok(guest.act('desk:report', REPORT));
        await ok(host.act('session:solve'));
      }),
    );
    await api(interviewer.token)
      .post(`/api/sessions/${doer.sessionId}/ratings`)
      .send(
        completeRating(3, {
          productTeam: { score: 4, notes: 'Filed a clear report with steps and impact' },
        }),
      )
      .expect(200);

    mistaken.id = await candidate('Mo Mistaken');
    Object.assign(
      mistaken,
      await play(mistaken.id, async ({ host, guest, started }) => {
        await ok(guest.act('chat:send', { text: 'Let me cancel that for you.' }));
        await ok(host.act('checkpoint:hit', { checkpointId: 'acknowledge' }));
        // Acting later than the first candidate did: their first action ranks below.
        await logClockPast(started, firstActionMs + 300);
        await ok(
          guest.act('desk:act', {
            actionId: 'cancel-order',
            input: { reason: 'Customer request' },
          }),
        );
      }),
    );
  });

  afterAll(async () => {
    clients.splice(0).forEach((client) => client.close());
    await testApp?.close();
    await database?.drop();
  });

  /** What the figures must be, from the log's own timestamps. */
  function expected(events: WireEvent[]) {
    const at = (event: WireEvent) => Date.parse(event.at);
    const t0 = at(events.find((e) => e.type === 'session.started')!);
    const hits = events.filter((e) => e.type === 'checkpoint.hit');
    const lastHit = (id: string) => hits.filter((e) => e.payload.checkpointId === id).at(-1);
    const required = REQUIRED.map(lastHit);
    const acted = events.filter((e) => e.type === 'desk.acted');
    return {
      timeToRequiredCheckpointsMs: required.every(Boolean)
        ? Math.max(...required.map((e) => at(e!))) - t0
        : null,
      timeToFirstActionMs: acted.length ? at(acted[0]) - t0 : null,
      byDesk: hits.filter((e) => e.actor === 'system').map((e) => e.payload.checkpointId),
    };
  }

  it('logs the desk meeting its checkpoints, the way the figures count them', () => {
    expect(expected(doer.events).byDesk).toEqual([
      'refund-nine',
      'cover-bank-fee',
      'confirm-in-writing',
    ]);
    expect(expected(doer.events).timeToRequiredCheckpointsMs).not.toBeNull();
    expect(expected(mistaken.events).timeToRequiredCheckpointsMs).toBeNull();
  });

  it('serves the desk figures, ranked and raw, on the scorecard', async () => {
    const card = (await api(manager.token).get(`/api/candidates/${doer.id}/scorecard`).expect(200))
      .body;
    const [session] = card.sessions;
    const want = expected(doer.events);
    expect(session.figures).toMatchObject({
      version: 3,
      timeToRequiredCheckpointsMs: want.timeToRequiredCheckpointsMs,
      timeToFirstActionMs: want.timeToFirstActionMs,
      lookups: 3,
      lookupsBeforeFirstAction: 2,
      mistakes: [],
      confirmationSent: true,
      confirmationFacts: [
        { fact: '$801', found: true },
        { fact: '3-5 business days', found: true },
      ],
      productReport: { present: true, fieldsFilled: 4, fields: 5 },
    });
    expect(session.figures.actions.map((a: { actionId: string }) => a.actionId)).toEqual([
      'refund',
      'goodwill-credit',
    ]);
    expect(session.ranked.raw).toMatchObject({
      timeToRequiredCheckpointsMs: want.timeToRequiredCheckpointsMs,
      timeToFirstActionMs: want.timeToFirstActionMs,
    });
    // Two ended sessions of the scenario: the other never met every required checkpoint and
    // acted later.
    expect(session.ranked).toMatchObject({
      scenarioSessions: 2,
      percentile: { timeToRequiredCheckpointsMs: 100, timeToFirstActionMs: 100 },
    });
    const other = (
      await api(manager.token).get(`/api/candidates/${mistaken.id}/scorecard`).expect(200)
    ).body.sessions[0];
    expect(other.figures.mistakes).toEqual([
      expect.objectContaining({ id: 'cancelled-order', actionId: 'cancel-order' }),
    ]);
    expect(other.ranked.percentile).toMatchObject({
      timeToRequiredCheckpointsMs: 0,
      timeToFirstActionMs: 50,
    });
    // The overall score's role-play part is still the five figures it was before the desk.
    const five = ['timeToSolutionMs', 'firstResponseMs', 'medianResponseMs', 'timeToCalmMs'];
    const mean = (keys: string[]) =>
      keys.reduce((sum, key) => sum + (card.figures[key].percentile as number), 0) / keys.length;
    const roleplay = card.overall.components.find((c: { id: string }) => c.id === 'roleplay');
    expect(roleplay.value).toBeCloseTo(mean([...five, 'checkpointsHit']), 5);
    expect(roleplay.value).not.toBeCloseTo(
      mean([...five, 'checkpointsHit', 'timeToRequiredCheckpointsMs', 'timeToFirstActionMs']),
      5,
    );
  });

  it('shows the desk part, the checkpoints by who met them and the desk lines on the page', async () => {
    const page = (await api(manager.token).get(`/candidates/${doer.id}`).expect(200)).text;
    const want = expected(doer.events);
    const desk = page.slice(page.indexOf('class="desk-part"'), page.indexOf('class="replay"'));
    expect(desk).toContain('<h3 id="desk-');
    expect(desk).toContain(`${(want.timeToFirstActionMs! / 1000).toFixed(1)} s`);
    expect(desk).toMatch(/Records looked up before it<\/dt><dd>2 <span class="muted">of 3 lookups/);
    expect(desk).toContain('Refund the selected payments');
    expect(desk).toContain(
      `Payments to refund: ${DUPLICATES.join(', ')}; Reason: Duplicate charge`,
    );
    expect(desk).toContain('Issue a goodwill credit');
    expect(desk).toContain('Amount in dollars: 35.00');
    expect(desk).toContain('Your refund of $801 for order TX-48213');
    expect(desk).toContain('3-5 business days: mentioned');
    expect(desk).toContain('a signal, not a verdict');
    // The report, escaped, beside the rating's product-team question.
    expect(desk).toContain('Payment bug &lt;i&gt;charged&lt;/i&gt; one ticket ten times');
    expect(desk).not.toContain('<i>charged');
    expect(desk).toContain('4 of 5 fields answered');
    expect(desk).toContain(REPORT.steps);
    expect(desk).toMatch(/Suggestion<\/dt><dd class="desk-text"><span class="muted">no answer/);
    expect(desk).toContain('How do you work with the product team');
    expect(desk).toContain('Rated <strong>4 of 4</strong>');
    expect(desk).toContain('Filed a clear report with steps and impact');
    // Figures beside the interviewer's time to solution.
    expect(page).toContain('Time to the required checkpoints');
    expect(page).toContain(`${(want.timeToRequiredCheckpointsMs! / 1000).toFixed(1)} s`);
    expect(page).toContain(
      'Refunds the nine duplicates and keeps the ticket valid <span class="muted">(met by the desk)',
    );
    expect(page).toContain(
      'Apologises and takes ownership before asking for details <span class="muted">(ticked by the interviewer)',
    );
    expect(page).toMatch(/class="line desk"[^>]*>.*Looked up Payments for TX-48213/);
    // Each lookup shows the record as the candidate saw it then: before the refund, all captured.
    const lookup = /Looked up Payments for TX-48213.*?<\/details>/s.exec(page)![0];
    expect(lookup).toContain('What the candidate saw');
    expect(lookup).toContain('<tr><td>P2</td><td>$89.00</td><td>captured</td>');
    expect(lookup).not.toContain('refunded');
    const credits = /Looked up Account credits.*?<\/details>/s.exec(page)![0];
    expect(credits).toContain('Nothing here yet.');
    expect(page).toContain('Reported to the product team: &quot;Payment bug &lt;i&gt;');

    const other = (await api(manager.token).get(`/candidates/${mistaken.id}`).expect(200)).text;
    const note = 'Cancelled the whole order; Dana wants to go to the concert and loses her ticket.';
    expect(other).toContain(`<span class="flag mistake">mistake</span> ${note}`);
    expect(other).toMatch(
      /class="line desk mistake"[^>]*>.*Did &quot;Cancel the whole order&quot;/,
    );
    expect(other).toContain(`<span class="flag mistake line-detail">Mistake: ${note}</span>`);
    expect(other).toContain('<p>Not sent.</p>');
    expect(other).toContain('<p>No report filed.</p>');

    const print = (
      await api(manager.token)
        .get(`/candidates/${mistaken.id}/sessions/${mistaken.sessionId}/transcript?notes=false`)
        .expect(200)
    ).text;
    expect(print).toContain(`Mistake: ${note}`);
  });

  describe('the comparison', () => {
    type Value = { raw: number | string | null; percentile?: number | null; best: boolean };
    let rows: Array<{ key: string; better: string | null; values: Value[] }>;
    const row = (key: string) => rows.find((r) => r.key === key)!;

    beforeAll(async () => {
      rows = (
        await api(manager.token)
          .get(`/api/scorecards/compare?candidates=${doer.id},${mistaken.id}`)
          .expect(200)
      ).body.rows;
    });

    it('ranks the desk times by percentile within the scenario', () => {
      expect(row('timeToRequiredCheckpointsMs')).toMatchObject({
        better: 'lower',
        values: [
          {
            raw: expected(doer.events).timeToRequiredCheckpointsMs,
            percentile: 100,
            best: true,
          },
          { raw: null, percentile: 0, best: false },
        ],
      });
      expect(row('timeToFirstActionMs')).toMatchObject({
        better: 'lower',
        values: [
          { raw: expected(doer.events).timeToFirstActionMs, percentile: 100, best: true },
          { raw: expected(mistaken.events).timeToFirstActionMs, percentile: 50, best: false },
        ],
      });
    });

    it('shows the desk signals, never ranked', () => {
      const raws = (key: string) => row(key).values.map((v) => v.raw);
      expect(raws('desk.mistakes')).toEqual([0, 1]);
      expect(raws('desk.lookupsBeforeFirstAction')).toEqual([2, 0]);
      expect(raws('desk.confirmationSent')).toEqual(['yes', 'no']);
      expect(raws('desk.confirmationFacts')).toEqual(['2 of 2', '0 of 2']);
      expect(raws('desk.productReport')).toEqual(['yes (4 of 5 fields)', 'no']);
      for (const key of ['desk.mistakes', 'desk.confirmationSent', 'desk.productReport']) {
        expect(row(key).better).toBeNull();
        expect(row(key).values.some((v) => v.best)).toBe(false);
      }
    });

    it('exports them in its CSV, the ranked ones with their percentile', async () => {
      const csv = await api(manager.token)
        .get(`/api/scorecards/compare?candidates=${doer.id},${mistaken.id}&format=csv`)
        .expect(200);
      const [first, second] = parse<Record<string, string>>(csv.text, { columns: true, bom: true });
      expect(first).toMatchObject({
        Candidate: 'Dee Doer',
        'Time to the required checkpoints (ms)': String(
          expected(doer.events).timeToRequiredCheckpointsMs,
        ),
        'Time to the required checkpoints (ms) percentile': '100',
        'Time to the first desk action (ms)': String(expected(doer.events).timeToFirstActionMs),
        'Time to the first desk action (ms) percentile': '100',
        'Desk lookups before the first action': '2',
        'Desk mistakes': '0',
        'Confirmation email sent': 'yes',
        'Confirmation facts found': '2 of 2',
        'Report to the product team': 'yes (4 of 5 fields)',
      });
      expect(first['Best at']).toContain('Time to the required checkpoints (ms)');
      expect(second).toMatchObject({
        Candidate: 'Mo Mistaken',
        'Time to the required checkpoints (ms)': '',
        'Time to the required checkpoints (ms) percentile': '0',
        'Time to the first desk action (ms) percentile': '50',
        'Desk mistakes': '1',
        'Confirmation email sent': 'no',
        'Report to the product team': 'no',
      });
    });
  });

  it("exports the opening's sessions with the desk figures", async () => {
    const csv = await api(manager.token)
      .get(`/api/sessions.csv?openingId=${opening.id}`)
      .expect(200);
    const rows = parse<Record<string, string>>(csv.text, { columns: true, bom: true });
    const of = (sessionId: string) => rows.find((r) => r.Session === sessionId)!;
    expect(of(doer.sessionId)).toMatchObject({
      'Time to the required checkpoints (ms)': String(
        expected(doer.events).timeToRequiredCheckpointsMs,
      ),
      'Time to the required checkpoints (ms) percentile': '100',
      'Time to the first desk action (ms)': String(expected(doer.events).timeToFirstActionMs),
      'Time to the first desk action (ms) percentile': '100',
      'Desk lookups': '3',
      'Desk lookups before the first action': '2',
      'Desk actions': '2',
      'Desk mistakes': '0',
      'Confirmation email sent': 'yes',
      'Confirmation facts found': '2',
      'Confirmation facts named': '2',
      'Confirmation facts missing': '',
      'Product report filed': 'yes',
      'Product report fields filled': '4',
    });
    expect(Number(of(doer.sessionId)['Product report length (characters)'])).toBe(
      [REPORT.title, REPORT.body, REPORT.steps, REPORT.impact, REPORT.customersAffected].join('')
        .length,
    );
    expect(of(mistaken.sessionId)).toMatchObject({
      'Time to the required checkpoints (ms)': '',
      'Time to the required checkpoints (ms) percentile': '0',
      'Time to the first desk action (ms)': String(expected(mistaken.events).timeToFirstActionMs),
      'Desk mistakes': '1',
      'Desk mistake ids': 'cancelled-order',
      'Confirmation email sent': 'no',
      'Confirmation facts found': '0',
      'Confirmation facts missing': '$801; 3-5 business days',
      'Product report filed': 'no',
    });
  });
});
