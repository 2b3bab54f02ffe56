import request from 'supertest';
import { DataSource } from 'typeorm';
import { signedInStaff, type TestStaff } from './support/factories';
import { RoleplayClient, type WireEvent } from './support/roleplay-client';
import { createTestDatabase, databaseKind, type TestDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';

/** The practice scenario that ships with Hotseat: its beats, desk and rules are in the file. */
const PRACTICE = 'practice-wrong-address';
const APOLOGY_BEAT = 'sorry-accepted';
/** persona.initialAnger of the practice scenario, and its apology beat's change. */
const INITIAL_ANGER = 5;
const APOLOGY_ANGER = -2;

interface Created {
  id: string;
  mode: string;
  candidate: { id: string } | null;
  candidateUrl: string;
  candidateToken: string;
}

describe(`practice sessions (${databaseKind} database)`, () => {
  let database: TestDatabase;
  let testApp: TestApp;
  let interviewer: TestStaff & { token: string };
  let manager: TestStaff & { token: string };
  const clients: RoleplayClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp(database.environment);
    interviewer = await signedInStaff(testApp.app, 'interviewer');
    manager = await signedInStaff(testApp.app, 'manager');
  });

  afterEach(() => clients.splice(0).forEach((client) => client.close()));

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

  const api = (token: string) => ({
    get: (path: string) => request(testApp.url).get(path).auth(token, { type: 'bearer' }),
    post: (path: string) => request(testApp.url).post(path).auth(token, { type: 'bearer' }),
  });

  async function connect(auth: { token: string; sessionId?: string }) {
    const client = await RoleplayClient.connect(testApp.url, auth);
    clients.push(client);
    return client;
  }

  async function candidate(name = 'Ada Lovelace') {
    const { body } = await api(interviewer.token)
      .post('/api/candidates')
      .send({ name, email: 'ada@example.com' })
      .expect(201);
    return body as { id: string };
  }

  async function practice(body: object = {}): Promise<Created> {
    const { body: created } = await api(interviewer.token)
      .post('/api/sessions')
      .send({ scenarioId: PRACTICE, mode: 'practice', ...body })
      .expect(201);
    return created as Created;
  }

  const customerLines = (client: RoleplayClient) =>
    client.ordered().filter((e) => e.type === 'chat.message' && e.actor === 'customer');

  /** The staff view of the whole log. */
  async function log(sessionId: string): Promise<WireEvent[]> {
    const { body } = await api(interviewer.token)
      .get(`/api/sessions/${sessionId}/events`)
      .expect(200);
    return body as WireEvent[];
  }

  it('is made by staff without a candidate, answers like a live one, and says its mode', async () => {
    const created = await practice();
    expect(created).toMatchObject({ mode: 'practice', candidate: null, status: 'scheduled' });
    expect(created.candidateUrl).toMatch(/\/join\/\S{40,}$/);
    const { body } = await api(interviewer.token).get(`/api/sessions/${created.id}`).expect(200);
    expect(body).toMatchObject({ id: created.id, mode: 'practice' });

    const { body: live } = await api(interviewer.token)
      .post('/api/sessions')
      .send({ candidateId: (await candidate()).id, scenarioId: 'charged-ten-times' })
      .expect(201);
    expect(live.mode).toBe('live');
  });

  it('refuses a live role-play without a candidate and an unknown mode, naming the field', async () => {
    const noCandidate = await api(interviewer.token)
      .post('/api/sessions')
      .send({ scenarioId: 'charged-ten-times' })
      .expect(400);
    expect(noCandidate.body.message).toMatch(/^candidateId: /);
    const badMode = await api(interviewer.token)
      .post('/api/sessions')
      .send({ scenarioId: PRACTICE, mode: 'rehearsal' })
      .expect(400);
    expect(JSON.stringify(badMode.body)).toMatch(/mode must be one of live, practice/);
  });

  it('starts by itself when its candidate connects, and the script answers an apology with its beat and anger', async () => {
    const created = await practice();
    const guest = await connect({ token: created.candidateToken });
    const opening = await guest.next('chat.message');
    expect(opening).toMatchObject({ actor: 'customer' });
    expect(opening.payload.text).toMatch(/delivered to my OLD address/);

    const typedBefore = guest.typing.length;
    expect(await guest.act('chat:send', { text: "I'm so sorry about the mix-up." })).toMatchObject({
      ok: true,
    });
    await guest.until(() => customerLines(guest).length === 2, 'the scripted answer', 15_000);
    // The customer "typed" first, and stopped as the line went out.
    expect(guest.typing.slice(typedBefore)).toEqual([
      { actor: 'customer', typing: true },
      { actor: 'customer', typing: false },
    ]);
    expect(customerLines(guest)[1].payload.text).toMatch(/^Thanks, I appreciate that\./);
    // The candidate sees the line only, never which beat it came from or the anger.
    expect(JSON.stringify(guest.ordered())).not.toMatch(/beatId|anger|sorry-accepted/);

    const events = await log(created.id);
    const types = events.map((e) => `${e.type}:${e.actor}`);
    expect(types.slice(0, 2)).toEqual(['session.started:system', 'chat.message:customer']);
    const answer = events.findIndex((e) => e.payload.beatId === APOLOGY_BEAT);
    expect(answer).toBeGreaterThan(0);
    // One append: the beat's line and its anger change, side by side.
    expect(events[answer + 1]).toMatchObject({
      type: 'anger.changed',
      actor: 'system',
      payload: { level: INITIAL_ANGER + APOLOGY_ANGER },
    });
  });

  it('lets staff only watch: the console is an observer and cannot play the customer', async () => {
    const created = await practice();
    const watcher = await connect({ token: interviewer.token, sessionId: created.id });
    const guest = await connect({ token: created.candidateToken });
    await guest.next('chat.message');
    await watcher.until(() => customerLines(watcher).length === 1, 'the opening, watched');
    const refused = await watcher.act('chat:send', { text: 'Let me take over' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const rating = await api(interviewer.token)
      .post(`/api/sessions/${created.id}/ratings`)
      .send({ csat: 4 });
    expect(rating.status).toBe(409);
    expect(rating.body.message).toMatch(/practice/);
  });

  it('ends once every required checkpoint is met by the desk, and debriefs the candidate', async () => {
    const created = await practice();
    const guest = await connect({ token: created.candidateToken });
    await guest.next('chat.message');
    const early = await api(created.candidateToken)
      .get(`/api/sessions/${created.id}/debrief`)
      .expect(409);
    expect(early.body.message).toMatch(/once the practice is over/);

    await guest.act('desk:view', { recordId: 'order' });
    expect(
      await guest.act('desk:act', {
        actionId: 'reship',
        input: { reason: 'Sent to an old address' },
      }),
    ).toMatchObject({ ok: true });
    expect(
      await guest.act('desk:email', {
        subject: 'Your new parcel',
        body: 'It goes to 7 Harbour Lane, tracking PPT-558377, arriving Tuesday 10 June.',
      }),
    ).toMatchObject({ ok: true });
    const ended = await guest.next('session.ended');
    expect(ended.payload).toEqual({ endedBy: 'checkpoints-met' });

    const events = await log(created.id);
    expect(events.filter((e) => e.type === 'session.solved')).toEqual([
      expect.objectContaining({ actor: 'system' }),
    ]);
    const { body: debrief } = await api(created.candidateToken)
      .get(`/api/sessions/${created.id}/debrief`)
      .expect(200);
    expect(debrief).toMatchObject({
      scenarioTitle: 'Practice: a parcel sent to an old address',
      solved: true,
      // What a practice can judge: the desk's checkpoints (the apology is the interviewer's to judge).
      checkpoints: [
        { label: expect.stringMatching(/^Reships the order/), required: true, met: true },
        { label: expect.stringMatching(/^Emails her/), required: true, met: true },
      ],
      did: { messages: 0, actions: ['Reship to the address on file'], emails: 1, reports: 0 },
    });
    expect(debrief.durationMs).toBeGreaterThan(0);
    // Staff are not given the candidate's debrief route.
    await api(interviewer.token).get(`/api/sessions/${created.id}/debrief`).expect(403);
  });

  it('may be ended by its candidate; a live role-play may not', async () => {
    const created = await practice();
    const guest = await connect({ token: created.candidateToken });
    await guest.next('chat.message');
    expect(await guest.act('session:end')).toMatchObject({ ok: true });
    expect((await guest.next('session.ended')).payload).toEqual({ endedBy: 'candidate' });

    const { body: live } = await api(interviewer.token)
      .post('/api/sessions')
      .send({ candidateId: (await candidate()).id, scenarioId: 'charged-ten-times' })
      .expect(201);
    const host = await connect({ token: interviewer.token, sessionId: live.id });
    const liveGuest = await connect({ token: live.candidateToken });
    await host.act('session:start');
    await liveGuest.next('chat.message');
    expect(await liveGuest.act('session:end')).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('is offered from a candidate’s live link before the role-play, at most three times', async () => {
    const person = await candidate('Grace Hopper');
    const { body: live } = await api(interviewer.token)
      .post('/api/sessions')
      .send({ candidateId: person.id, scenarioId: 'charged-ten-times' })
      .expect(201);
    const first = await api(live.candidateToken)
      .post(`/api/sessions/${live.id}/practice`)
      .expect(201);
    expect(first.body.candidateUrl).toMatch(/\/join\//);
    const { body: made } = await api(interviewer.token)
      .get(`/api/sessions/${first.body.id}`)
      .expect(200);
    // Run by the live role-play's interviewer, for the same candidate, of the practice scenario.
    expect(made).toMatchObject({
      mode: 'practice',
      candidate: { id: person.id },
      interviewerId: interviewer.id,
      scenario: { id: PRACTICE },
    });
    // Not started yet (its link lost in a reload): the same practice again, with a new link.
    const again = await api(live.candidateToken)
      .post(`/api/sessions/${live.id}/practice`)
      .expect(201);
    expect(again.body.id).toBe(first.body.id);
    await api(first.body.candidateToken).get('/api/links/current').expect(401);
    // Each practice that was started takes a place.
    const practise = async (token: string) => {
      const guest = await connect({ token });
      await guest.next('chat.message');
    };
    await practise(again.body.candidateToken);
    const second = await api(live.candidateToken)
      .post(`/api/sessions/${live.id}/practice`)
      .expect(201);
    expect(second.body.id).not.toBe(first.body.id);
    await practise(second.body.candidateToken);
    const third = await api(live.candidateToken)
      .post(`/api/sessions/${live.id}/practice`)
      .expect(201);
    await practise(third.body.candidateToken);
    const fourth = await api(live.candidateToken)
      .post(`/api/sessions/${live.id}/practice`)
      .expect(409);
    expect(fourth.body.message).toMatch(/practised 3 times already/);

    // A practice link cannot make more practice, and a started role-play offers none.
    await api(third.body.candidateToken)
      .post(`/api/sessions/${third.body.id}/practice`)
      .expect(409);
    const other = await api(interviewer.token)
      .post('/api/sessions')
      .send({ candidateId: (await candidate()).id, scenarioId: 'charged-ten-times' })
      .expect(201);
    const host = await connect({ token: interviewer.token, sessionId: other.body.id });
    await host.act('session:start');
    const started = await api(other.body.candidateToken)
      .post(`/api/sessions/${other.body.id}/practice`)
      .expect(409);
    expect(started.body.message).toMatch(/already started/);
    // Another session's link is told it does not exist.
    await api(other.body.candidateToken).post(`/api/sessions/${live.id}/practice`).expect(404);
  });

  it('stops working with the link it came from: revoking the role-play’s link revokes its practices’', async () => {
    const { body: live } = await api(interviewer.token)
      .post('/api/sessions')
      .send({ candidateId: (await candidate()).id, scenarioId: 'charged-ten-times' })
      .expect(201);
    const { body: made } = await api(live.candidateToken)
      .post(`/api/sessions/${live.id}/practice`)
      .expect(201);
    await api(made.candidateToken).get('/api/links/current').expect(200);
    await request(testApp.url)
      .delete(`/api/sessions/${live.id}/candidate-link`)
      .auth(interviewer.token, { type: 'bearer' })
      .expect(204);
    await api(made.candidateToken).get('/api/links/current').expect(401);
  });

  it('answers once when the candidate writes again while the customer is typing', async () => {
    const created = await practice();
    const guest = await connect({ token: created.candidateToken });
    await guest.next('chat.message');
    await guest.act('chat:send', { text: "I'm so sorry." });
    await guest.until(() => guest.typing.some((notice) => notice.typing), 'the customer typing');
    // Within the typing delay: the script chooses again, from both messages, and answers once.
    await guest.act('chat:send', { text: 'Truly sorry, that was our mistake.' });
    await guest.until(() => customerLines(guest).length === 2, 'the answer', 15_000);
    // Long enough for a second answer, had the first choice not been dropped.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    expect(customerLines(guest).map((line) => line.payload.text)).toEqual([
      expect.stringMatching(/OLD address/),
      expect.stringMatching(/^Thanks, I appreciate that\./),
    ]);
    expect(guest.typing.at(-1)).toEqual({ actor: 'customer', typing: false });
    const events = await log(created.id);
    expect(events.filter((e) => e.type === 'anger.changed')).toHaveLength(1);
  });

  it('ends a practice of any scenario once the desk has met every required checkpoint it can', async () => {
    // charged-ten-times: of its required checkpoints the desk meets refund-nine and confirm-in-writing;
    // the others are the interviewer's to judge, and nobody judges in practice.
    const created = await practice({ scenarioId: 'charged-ten-times' });
    const guest = await connect({ token: created.candidateToken });
    await guest.next('chat.message');
    const refund = await guest.act('desk:act', {
      actionId: 'refund',
      input: {
        payments: ['P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9', 'P10'],
        reason: 'Duplicate charge',
      },
    });
    expect(refund).toMatchObject({ ok: true });
    await guest.act('desk:email', {
      subject: 'Your refund',
      body: 'We refunded $801; it is back on your card in 3-5 business days.',
    });
    expect((await guest.next('session.ended')).payload).toEqual({ endedBy: 'checkpoints-met' });
    const { body: debrief } = await api(created.candidateToken)
      .get(`/api/sessions/${created.id}/debrief`)
      .expect(200);
    // Only what a practice can judge: the checkpoints the desk meets.
    expect(debrief.checkpoints).toEqual([
      {
        label: 'Refunds the nine duplicates and keeps the ticket valid',
        required: true,
        met: true,
      },
      { label: 'Sends the refund confirmation email', required: true, met: true },
      { label: 'Offers to reimburse the overdraft fee', required: false, met: false },
    ]);
  });

  it('keeps a candidate’s reason for ending out of the log: it is the interviewer’s', async () => {
    const created = await practice();
    const guest = await connect({ token: created.candidateToken });
    await guest.next('chat.message');
    expect(await guest.act('session:end', { reason: 'bored' })).toMatchObject({
      ok: false,
      error: { code: 'invalid', field: 'reason' },
    });
  });

  it('never counts: no figures, not on the scorecard, not in the comparison or the export', async () => {
    const { body: opening } = await api(manager.token)
      .post('/api/openings')
      .send({ title: 'Support agent', scenarioIds: ['charged-ten-times'] })
      .expect(201);
    const { body: person } = await api(interviewer.token)
      .post('/api/candidates')
      .send({ name: 'Katherine Johnson', email: 'kj@example.com', openingId: opening.id })
      .expect(201);
    // The candidate's live role-play...
    const { body: live } = await api(interviewer.token)
      .post('/api/sessions')
      .send({ candidateId: person.id, scenarioId: 'charged-ten-times' })
      .expect(201);
    // ...and a practice of theirs before it, played and ended.
    const { body: extra } = await api(live.candidateToken)
      .post(`/api/sessions/${live.id}/practice`)
      .expect(201);
    const practiceGuest = await connect({ token: extra.candidateToken });
    await practiceGuest.next('chat.message');
    await practiceGuest.act('chat:send', { text: 'Sorry about that!' });
    await practiceGuest.act('session:end');
    await practiceGuest.next('session.ended');

    // A practice of the very scenario of the role-play, made by staff for them, ended too.
    const sameScenario = await practice({
      candidateId: person.id,
      scenarioId: 'charged-ten-times',
    });
    const sameGuest = await connect({ token: sameScenario.candidateToken });
    await sameGuest.next('chat.message');
    await sameGuest.act('chat:send', { text: 'Hello, let me look at this.' });
    await sameGuest.act('session:end');
    await sameGuest.next('session.ended');

    const host = await connect({ token: interviewer.token, sessionId: live.id });
    await host.act('session:start');
    await host.act('session:end');

    const figures = await testApp.app
      .get(DataSource)
      .query<Array<{ session_id: string }>>(
        'SELECT session_id FROM session_figures WHERE candidate_id = $1',
        [person.id],
      );
    expect(figures.map((row) => row.session_id)).toEqual([live.id]);

    const { body: card } = await api(manager.token)
      .get(`/api/candidates/${person.id}/scorecard`)
      .expect(200);
    expect(JSON.stringify(card)).not.toContain(extra.id);
    expect(JSON.stringify(card)).toContain(live.id);

    const { body: comparison } = await api(manager.token)
      .get(`/api/scorecards/compare?candidates=${person.id}`)
      .expect(200);
    expect(JSON.stringify(comparison)).not.toContain(extra.id);
    expect(JSON.stringify(comparison)).not.toContain(sameScenario.id);
    // Ranked among the ended role-plays of its scenario: the practice of it is not one.
    expect(comparison.percentileBase).toEqual({ 'charged-ten-times': 1 });
    const metrics = await api(manager.token)
      .get(`/api/sessions/${sameScenario.id}/metrics`)
      .expect(409);
    expect(metrics.body.message).toMatch(/practice/);

    const csv = await api(manager.token)
      .get(`/api/sessions.csv?openingId=${opening.id}`)
      .expect(200);
    const rows = csv.text.trim().split('\n');
    // The heading and the live role-play: nothing of the practice.
    expect(rows).toHaveLength(2);
    expect(csv.text).not.toContain(extra.id);
    expect(csv.text).not.toContain(sameScenario.id);
    expect(csv.text).not.toContain(PRACTICE);
  });
});
