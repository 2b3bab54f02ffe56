import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { signedInStaff, type TestStaff } from './support/factories';
import { RoleplayClient, type WireEvent } from './support/roleplay-client';
import { createTestDatabase, databaseKind, type TestDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';

/** The Tixly scenario: its desk's records, actions, rules and mistakes are in the file. */
const SCENARIO = 'charged-ten-times';
const DUPLICATES = ['P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9', 'P10'];

type Row = { id: string; cells: Record<string, string> };
const statuses = (record: unknown) =>
  Object.fromEntries((record as { rows: Row[] }).rows.map((row) => [row.id, row.cells.status]));

describe(`the agent desk (${databaseKind} database)`, () => {
  let database: TestDatabase;
  let testApp: TestApp;
  let interviewer: TestStaff & { token: string };
  const clients: RoleplayClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp(database.environment);
    interviewer = await signedInStaff(testApp.app, 'interviewer');
  });

  afterEach(() => clients.splice(0).forEach((client) => client.close()));

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

  const post = (path: string) =>
    request(testApp.url).post(path).auth(interviewer.token, { type: 'bearer' });

  async function connect(auth: { token: string; sessionId?: string }) {
    const client = await RoleplayClient.connect(testApp.url, auth);
    clients.push(client);
    return client;
  }

  /** A live Tixly role-play with the interviewer and the candidate connected. */
  async function liveSession() {
    const { body: candidate } = await post('/api/candidates')
      .send({ name: 'Ada Lovelace', email: 'ada@example.com' })
      .expect(201);
    const { body: session } = await post('/api/sessions')
      .send({ candidateId: candidate.id, scenarioId: SCENARIO })
      .expect(201);
    const host = await connect({ token: interviewer.token, sessionId: session.id });
    const guest = await connect({ token: session.candidateToken as string });
    expect(await host.act('session:start')).toMatchObject({ ok: true });
    await guest.next('chat.message');
    return { session: session as { id: string; candidateToken: string }, host, guest };
  }

  const logOf = (sessionId: string) =>
    testApp.app
      .get(DataSource)
      .query<Array<{ seq: number; type: string; actor: string; payload: Record<string, unknown> }>>(
        'SELECT seq, type, actor, payload FROM session_events WHERE session_id = $1 ORDER BY seq',
        [sessionId],
      );

  const refund = (guest: RoleplayClient, payments: string[], clientId?: string) =>
    guest.emit('desk:act', {
      clientId: clientId ?? crypto.randomUUID(),
      actionId: 'refund',
      input: { payments, reason: 'Duplicate charge' },
    });

  it('looks a record up: logs desk.viewed and answers the record, rendered with the scenario', async () => {
    const { session, host, guest } = await liveSession();
    const answer = await guest.act('desk:view', { recordId: 'payments' });
    expect(answer).toMatchObject({
      ok: true,
      event: { type: 'desk.viewed', actor: 'candidate', payload: { recordId: 'payments' } },
      record: { id: 'payments', title: 'Payments for TX-48213' },
    });
    expect(Object.values(statuses(answer.record))).toEqual(Array(10).fill('captured'));
    const customer = await guest.act('desk:view', { recordId: 'customer' });
    expect(customer.record).toMatchObject({
      fields: expect.arrayContaining([{ label: 'Name', value: 'Dana Whitfield' }]),
    });
    await host.next('desk.viewed', (event) => event.payload.recordId === 'customer');
    expect((await logOf(session.id)).filter((e) => e.type === 'desk.viewed')).toHaveLength(2);
  });

  it('refunds the nine duplicates: the records change, the desk meets refund-nine by itself, and the candidate is never told', async () => {
    const { session, host, guest } = await liveSession();
    const first = await refund(guest, DUPLICATES.slice(0, 4));
    expect(first).toMatchObject({
      ok: true,
      event: {
        type: 'desk.acted',
        payload: { actionId: 'refund', input: { payments: DUPLICATES.slice(0, 4) } },
      },
    });
    expect(first.event!.payload).not.toHaveProperty('mistakes');
    expect(String(first.event!.payload.result)).toContain('Refund started for P2, P3, P4, P5');
    const [changed] = first.records as unknown[];
    expect(statuses(changed)).toMatchObject({ P1: 'captured', P2: 'refunded', P5: 'refunded' });
    // Four of nine: not yet "exactly these nine".
    expect((await logOf(session.id)).some((e) => e.type === 'checkpoint.hit')).toBe(false);

    const rest = await refund(guest, DUPLICATES.slice(4));
    expect(statuses((rest.records as unknown[])[0])).toMatchObject({
      P1: 'captured',
      P10: 'refunded',
    });
    const hit = await host.next('checkpoint.hit');
    expect(hit).toMatchObject({
      actor: 'system',
      payload: { checkpointId: 'refund-nine', metBy: rest.event!.seq },
    });
    expect(hit.seq).toBe(rest.event!.seq + 1);
    // The interviewer's copy of the action says it was no mistake.
    const acted = await host.next('desk.acted', (event) => event.seq === rest.event!.seq);
    expect(acted.payload.mistakes).toEqual([]);

    await guest.sync();
    const seen = guest.ordered();
    expect(seen.some((event) => event.type === 'checkpoint.hit')).toBe(false);
    // The desk's hidden tick leaves no gap in the candidate's numbering: nothing hints it was right.
    expect(seen.map((event) => event.seq)).toEqual(seen.map((_event, index) => index + 1));
    const next = await guest.act('desk:view', { recordId: 'customer' });
    expect(next.event!.seq).toBe(rest.event!.seq + 1);
    expect(seen.filter((event) => event.type === 'desk.acted')).toHaveLength(2);
    for (const event of seen) expect(event.payload).not.toHaveProperty('mistakes');
  });

  it('flags a mistake to the interviewer at once, and a wrong row keeps the checkpoint unmet', async () => {
    const { session, host, guest } = await liveSession();
    const answer = await refund(guest, ['P1', ...DUPLICATES]);
    expect(answer.ok).toBe(true);
    const acted = await host.next('desk.acted');
    expect(acted.payload.mistakes).toEqual(['refunded-valid-ticket']);
    expect(answer.event!.payload).not.toHaveProperty('mistakes');
    const live = guest.ordered().find((event) => event.type === 'desk.acted');
    expect(live?.payload).not.toHaveProperty('mistakes');

    const cancelled = await guest.act('desk:act', {
      actionId: 'cancel-order',
      input: { reason: 'Customer request' },
    });
    expect(cancelled.records).toEqual([
      expect.objectContaining({
        id: 'order',
        fields: expect.arrayContaining([{ label: 'Status', value: 'Cancelled' }]),
      }),
    ]);
    await host.next('desk.acted', (event) => event.payload.actionId === 'cancel-order');
    const log = await logOf(session.id);
    expect(log.filter((e) => e.type === 'desk.acted').map((e) => e.payload.mistakes)).toEqual([
      ['refunded-valid-ticket'],
      ['cancelled-order'],
    ]);
    expect(log.some((e) => e.type === 'checkpoint.hit')).toBe(false);
  });

  it('meets a checkpoint by an amount in range, and the email rule with the facts it mentions as a signal', async () => {
    const { session, host, guest } = await liveSession();
    const small = await guest.act('desk:act', {
      actionId: 'goodwill-credit',
      input: { amount: 20, reason: 'Sorry' },
    });
    expect(small.ok).toBe(true);
    expect((await logOf(session.id)).some((e) => e.type === 'checkpoint.hit')).toBe(false);
    const credit = await guest.act('desk:act', {
      actionId: 'goodwill-credit',
      input: { amount: 35, reason: 'Your overdraft fee' },
    });
    expect(String(credit.event!.payload.result)).toContain('$35.00');
    expect((credit.records as Array<{ rows: Row[] }>)[0].rows).toEqual([
      { id: '1', cells: { id: '1', amount: '$20.00', reason: 'Sorry' } },
      {
        id: '2',
        cells: { id: '2', amount: '$35.00', reason: 'Your overdraft fee' },
      },
    ]);
    await host.next('checkpoint.hit', (event) => event.payload.checkpointId === 'cover-bank-fee');

    const email = await guest.act('desk:email', {
      subject: 'Your refund of $801.00',
      body: 'Nine payments are refunded; the money is back on your debit card in 3 to 5 business days.',
    });
    expect(email).toMatchObject({ ok: true, event: { type: 'desk.emailed' } });
    expect(email.event!.payload).not.toHaveProperty('mentions');
    const staffCopy = await host.next('desk.emailed');
    expect(staffCopy.payload.mentions).toEqual([
      { fact: '$801', found: true },
      { fact: '3-5 business days', found: true },
    ]);
    await host.next(
      'checkpoint.hit',
      (event) => event.payload.checkpointId === 'confirm-in-writing',
    );

    const vague = await guest.act('desk:email', { subject: 'Update', body: 'We are on it.' });
    expect(vague.ok).toBe(true);
    const second = await host.next('desk.emailed', (event) => event.payload.subject === 'Update');
    expect(second.payload.mentions).toEqual([
      { fact: '$801', found: false },
      { fact: '3-5 business days', found: false },
    ]);
    // Met once: a second email does not log the checkpoint again.
    const hits = (await logOf(session.id)).filter(
      (e) => e.type === 'checkpoint.hit' && e.payload.checkpointId === 'confirm-in-writing',
    );
    expect(hits).toHaveLength(1);
  });

  it('files a report to the product team with every field', async () => {
    const { host, guest } = await liveSession();
    const report = {
      title: 'Payment bug charged customers ten times',
      body: 'One order captured ten payments on Tuesday morning.',
      steps: 'Buy one ticket during the incident window.',
      impact: 'Customers overdrawn before rent day.',
      customersAffected: 'Every order between 09:00 and 09:30 on Tuesday.',
      suggestion: 'Refund duplicates automatically and tell customers.',
    };
    const answer = await guest.act('desk:report', report);
    expect(answer).toMatchObject({ ok: true, event: { type: 'desk.reported', payload: report } });
    expect((await host.next('desk.reported')).payload).toEqual(report);
  });

  it('refuses an invalid input with the field and the reason, and logs nothing', async () => {
    const { session, guest } = await liveSession();
    const before = (await logOf(session.id)).length;
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
      ['refund', { payments: ['P11'], reason: 'Duplicate charge' }, 'input.payments', /no row P11/],
      ['refund', { payments: [], reason: 'Duplicate charge' }, 'input.payments', /at least one/],
      ['refund', { payments: ['P2'] }, 'input.reason', /required/],
      ['refund', { payments: ['P2'], reason: 'Because' }, 'input.reason', /one of: Duplicate/],
      [
        'refund',
        { payments: ['P2'], reason: 'Other', colour: 'red' },
        'input.colour',
        /not an input/,
      ],
      ['goodwill-credit', { amount: 50.01, reason: 'Fee' }, 'input.amount', /at most 50.00/],
      ['goodwill-credit', { amount: -5, reason: 'Fee' }, 'input.amount', /above 0/],
      ['goodwill-credit', { amount: 12.345, reason: 'Fee' }, 'input.amount', /two decimals/],
      ['goodwill-credit', { amount: 10, reason: 'x'.repeat(201) }, 'input.reason', /200/],
      ['goodwill-credit', { amount: 10, reason: '   ' }, 'input.reason', /must be text/],
      ['no-such-action', {}, 'actionId', /action of this/],
    ];
    for (const [actionId, input, field, reason] of cases) {
      const answer = await guest.act('desk:act', { actionId, input });
      expect({ actionId, input, ok: answer.ok, field: answer.error?.field }).toEqual({
        actionId,
        input,
        ok: false,
        field,
      });
      expect(answer.error).toMatchObject({
        code: 'invalid',
        message: expect.stringMatching(reason),
      });
    }
    for (const [event, payload, field] of [
      ['desk:act', { actionId: 'refund', input: 'P2' }, 'input'],
      ['desk:view', { recordId: 'secrets' }, 'recordId'],
      ['desk:email', { subject: '', body: 'Hi' }, 'subject'],
      ['desk:email', { subject: 'Hi', body: 'x'.repeat(4001) }, 'body'],
      ['desk:report', { title: 'Bug' }, 'body'],
    ] as const) {
      const answer = await guest.act(event, payload);
      expect({
        event,
        ok: answer.ok,
        code: answer.error?.code,
        field: answer.error?.field,
      }).toEqual({ event, ok: false, code: 'invalid', field });
    }
    expect(await logOf(session.id)).toHaveLength(before);
  });

  it('is the candidate’s alone, and only while the role-play is live', async () => {
    const { session, host, guest } = await liveSession();
    const staffTry = await host.act('desk:act', {
      actionId: 'refund',
      input: { payments: ['P2'], reason: 'Other' },
    });
    expect(staffTry).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await host.act('session:end')).toMatchObject({ ok: true });
    const late = await guest.act('desk:view', { recordId: 'payments' });
    expect(late).toMatchObject({ ok: false, error: { code: 'session-ended' } });
    const lateAct = await refund(guest, ['P2']);
    expect(lateAct).toMatchObject({ ok: false, error: { code: 'session-ended' } });
    expect((await logOf(session.id)).some((e) => e.type.startsWith('desk.'))).toBe(false);
  });

  it('answers a retried action once: the same event, the records as they are, nothing logged twice', async () => {
    const { session, guest } = await liveSession();
    const clientId = crypto.randomUUID();
    const first = await refund(guest, DUPLICATES, clientId);
    const retry = await refund(guest, DUPLICATES, clientId);
    expect(retry).toMatchObject({ ok: true, event: { seq: first.event!.seq } });
    expect(statuses((retry.records as unknown[])[0])).toEqual(
      statuses((first.records as unknown[])[0]),
    );
    const log = await logOf(session.id);
    expect(log.filter((e) => e.type === 'desk.acted')).toHaveLength(1);
    expect(log.filter((e) => e.type === 'checkpoint.hit')).toHaveLength(1);
  });

  it('lets the interviewer untick a checkpoint the desk met, and the desk never ticks it again', async () => {
    const { session, host, guest } = await liveSession();
    await refund(guest, DUPLICATES);
    await host.next('checkpoint.hit');
    const cleared = await host.act('checkpoint:clear', { checkpointId: 'refund-nine' });
    expect(cleared).toMatchObject({
      ok: true,
      event: { type: 'checkpoint.cleared', actor: 'interviewer' },
    });
    expect(await host.act('checkpoint:clear', { checkpointId: 'refund-nine' })).toMatchObject({
      ok: false,
      error: { code: 'not-hit' },
    });
    // The interviewer's word is the last: the same rows again meet the rule, but nothing is ticked.
    await refund(guest, DUPLICATES);
    expect(
      (await logOf(session.id)).filter((e) => e.type === 'checkpoint.hit').map((e) => e.actor),
    ).toEqual(['system']);
    const again = await host.act('checkpoint:hit', { checkpointId: 'refund-nine' });
    expect(again).toMatchObject({
      ok: true,
      event: { type: 'checkpoint.hit', actor: 'interviewer' },
    });
    expect(await host.act('checkpoint:hit', { checkpointId: 'refund-nine' })).toMatchObject({
      ok: false,
      error: { code: 'already-hit' },
    });
    const unknown = await guest.act('checkpoint:clear', { checkpointId: 'refund-nine' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('rebuilds the records from the log after a restart', async () => {
    const { session, guest } = await liveSession();
    await refund(guest, ['P2', 'P3']);
    guest.close();
    await testApp.close();
    testApp = await startTestApp(database.environment);
    const again = await connect({ token: session.candidateToken });
    const answer = await again.act('desk:view', { recordId: 'payments' });
    expect(statuses(answer.record)).toMatchObject({
      P1: 'captured',
      P2: 'refunded',
      P3: 'refunded',
      P4: 'captured',
    });
    await again.sync();
    expect(again.ordered().map((event: WireEvent) => event.type)).toEqual([
      'session.started',
      'chat.message',
      'desk.acted',
      'desk.viewed',
    ]);
  });

  it('gives staff the whole desk over HTTP and the candidate page only records and forms', async () => {
    const { body: scenario } = await request(testApp.url)
      .get(`/api/scenarios/${SCENARIO}`)
      .auth(interviewer.token, { type: 'bearer' })
      .expect(200);
    expect(scenario.desk).toMatchObject({
      records: expect.arrayContaining([expect.objectContaining({ id: 'payments' })]),
      actions: expect.arrayContaining([expect.objectContaining({ id: 'refund' })]),
      rules: expect.arrayContaining([{ checkpoint: 'refund-nine', when: expect.any(Object) }]),
      mistakes: expect.arrayContaining([expect.objectContaining({ id: 'refunded-valid-ticket' })]),
    });
    const scenarioPage = await request(testApp.url)
      .get(`/scenarios/${SCENARIO}`)
      .auth(interviewer.token, { type: 'bearer' })
      .expect(200);
    expect(scenarioPage.text).toContain('The agent desk');
    expect(scenarioPage.text).toContain(
      '<strong>Refunds the nine duplicates and keeps the ticket valid</strong>: when the candidate uses &quot;Refund the selected payments&quot; on exactly P2, P3, P4, P5, P6, P7, P8, P9, P10 (over every time it is used).',
    );
    expect(scenarioPage.text).toContain(
      'When the candidate uses &quot;Refund the selected payments&quot; on any of P1: Refunded P1',
    );
    const { session } = await liveSession();
    const page = await request(testApp.url).get(`/join/${session.candidateToken}`).expect(200);
    const data = /<script type="application\/json" id="room-data">(.*?)<\/script>/s.exec(
      page.text,
    )![1];
    const room = JSON.parse(data) as { desk: Record<string, unknown> };
    expect(Object.keys(room.desk).sort()).toEqual(['actions', 'records']);
    expect(room.desk.records).toContainEqual({ id: 'payments', title: 'Payments for TX-48213' });
    for (const secret of ['refunded-valid-ticket', 'refund-nine', 'rowsInclude', 'Dana wants']) {
      expect(page.text).not.toContain(secret);
    }
  });

  it('keeps a scenario without a desk working: the chat goes on, desk events answer no-desk', async () => {
    // The Tixly scenario as it was before the desk: the same file with its desk section cut off.
    const folder = await mkdtemp(join(tmpdir(), 'hotseat-no-desk-'));
    const text = await readFile(join('scenarios', `${SCENARIO}.yaml`), 'utf8');
    // Its beats' cues about desk actions go too: without a desk they name nothing.
    const chatOnlyText = text
      .slice(0, text.indexOf('\ndesk:'))
      .replace(/^\s*when: \{ action: [\w-]+ \}\n/gm, '');
    await writeFile(join(folder, `${SCENARIO}.yaml`), chatOnlyText);
    await cp(join('scenarios', 'help-center', 'tixly'), join(folder, 'help-center', 'tixly'), {
      recursive: true,
    });
    // One app at a time on the database: the embedded one opens its data folder once per process.
    await testApp.close();
    const chatOnly = await startTestApp({ ...database.environment, HOTSEAT_SCENARIOS_DIR: folder });
    try {
      const { body: scenario } = await request(chatOnly.url)
        .get(`/api/scenarios/${SCENARIO}`)
        .auth(interviewer.token, { type: 'bearer' })
        .expect(200);
      expect(scenario).not.toHaveProperty('desk');
      const { body: candidate } = await request(chatOnly.url)
        .post('/api/candidates')
        .auth(interviewer.token, { type: 'bearer' })
        .send({ name: 'Grace Hopper', email: 'grace@example.com' })
        .expect(201);
      const { body: session } = await request(chatOnly.url)
        .post('/api/sessions')
        .auth(interviewer.token, { type: 'bearer' })
        .send({ candidateId: candidate.id, scenarioId: SCENARIO })
        .expect(201);
      const page = await request(chatOnly.url).get(`/join/${session.candidateToken}`).expect(200);
      expect(page.text).toContain('"desk":null');
      const host = await RoleplayClient.connect(chatOnly.url, {
        token: interviewer.token,
        sessionId: session.id,
      });
      const guest = await RoleplayClient.connect(chatOnly.url, { token: session.candidateToken });
      clients.push(host, guest);
      expect(await host.act('session:start')).toMatchObject({ ok: true });
      expect(await guest.act('chat:send', { text: 'I am so sorry, let me look.' })).toMatchObject({
        ok: true,
      });
      for (const [event, payload] of [
        ['desk:view', { recordId: 'customer' }],
        ['desk:email', { subject: 'Hi', body: 'Your refund is on its way.' }],
      ] as const) {
        expect(await guest.act(event, payload)).toMatchObject({
          ok: false,
          error: { code: 'no-desk' },
        });
      }
    } finally {
      clients.splice(0).forEach((client) => client.close());
      await chatOnly.close();
      testApp = await startTestApp(database.environment);
    }
  });

  it('numbers the events already logged when the candidate’s own numbering is added to a database', async () => {
    const { session, host, guest } = await liveSession();
    await refund(guest, DUPLICATES);
    await host.act('note:add', { text: 'Quick and right.' });
    await guest.act('chat:send', { text: 'Done: nine refunds.' });
    const numbering = () =>
      testApp.app.get(DataSource).query<Array<{ seq: number; candidateSeq: number | null }>>(
        `SELECT seq, candidate_seq AS "candidateSeq" FROM session_events WHERE session_id = $1
           ORDER BY seq`,
        [session.id],
      );
    const logged = await numbering();
    // started, opening, refund, the desk's tick (hidden), the note (hidden), the reply.
    expect(logged.map((e) => e.candidateSeq)).toEqual([1, 2, 3, null, null, 4]);
    const dataSource = testApp.app.get(DataSource);
    await dataSource.undoLastMigration();
    await dataSource.runMigrations({ transaction: 'all' });
    expect(await numbering()).toEqual(logged);
    const [row] = await dataSource.query<Array<{ last: number }>>(
      'SELECT last_candidate_seq AS last FROM roleplay_sessions WHERE id = $1',
      [session.id],
    );
    expect(row.last).toBe(4);
  });
});
