import request from 'supertest';
import { DataSource } from 'typeorm';
import { LINK_NO_LONGER_VALID } from '@hotseat/identity';
import { issueLink, signedInStaff, type TestStaff } from './support/factories';
import { RoleplayClient, type WireEvent as SessionEvent } from './support/roleplay-client';
import { createTestDatabase, databaseKind, type TestDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';

const SCENARIO = 'charged-ten-times';

/** POST /api/sessions/:id/cancel (docs/protocol.md): only a scheduled role-play, logged as session.cancelled. */
describe(`cancelling a role-play (${databaseKind} database)`, () => {
  let database: TestDatabase;
  let testApp: TestApp;
  let interviewer: TestStaff & { token: string };
  let otherInterviewer: TestStaff & { token: string };
  let manager: TestStaff & { token: string };
  const clients: RoleplayClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp(database.environment);
    interviewer = await signedInStaff(testApp.app, 'interviewer');
    otherInterviewer = await signedInStaff(testApp.app, 'interviewer');
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

  const cancel = (sessionId: string, by: { token: string } = interviewer) =>
    api(by.token).post(`/api/sessions/${sessionId}/cancel`);

  /** A scheduled session of `interviewer`'s, through the HTTP API. */
  async function scheduleSession() {
    const candidate = await api(interviewer.token)
      .post('/api/candidates')
      .send({ name: 'Ada Lovelace', email: 'ada@example.com' })
      .expect(201);
    const session = await api(interviewer.token)
      .post('/api/sessions')
      .send({ candidateId: candidate.body.id, scenarioId: SCENARIO })
      .expect(201);
    return session.body as { id: string; candidateToken: string };
  }

  async function connect(auth: { token: string; sessionId?: string }) {
    const client = await RoleplayClient.connect(testApp.url, auth);
    clients.push(client);
    return client;
  }

  /** The interviewer's console, connected to `sessionId`. */
  const interviewerConsole = (sessionId: string) =>
    connect({ token: interviewer.token, sessionId });

  async function act(client: RoleplayClient, action: string) {
    const ack = await client.act(action);
    expect(ack).toMatchObject({ ok: true });
    return ack;
  }

  const events = async (sessionId: string) =>
    (await api(manager.token).get(`/api/sessions/${sessionId}/events`).expect(200))
      .body as SessionEvent[];

  /** The session's row: its state columns and last_seq. */
  const row = async (sessionId: string) => {
    const [found] = await testApp.app.get(DataSource).query<Array<Record<string, unknown>>>(
      `SELECT status, last_seq AS "lastSeq", started_at AS "startedAt", ends_at AS "endsAt",
              solved_at AS "solvedAt", ended_at AS "endedAt", cancelled_at AS "cancelledAt"
       FROM roleplay_sessions WHERE id = $1`,
      [sessionId],
    );
    return found;
  };

  /** The log and the row of a session, to show that a refused cancel changed neither. */
  const snapshot = async (sessionId: string) => ({
    events: await events(sessionId),
    row: await row(sessionId),
  });

  it('logs session.cancelled, and the session is cancelled in its row, its view and the lists', async () => {
    const session = await scheduleSession();
    const cancelled = await cancel(session.id).expect(200);

    const log = await events(session.id);
    expect(log).toEqual([
      {
        seq: 1,
        type: 'session.cancelled',
        actor: 'interviewer',
        at: expect.any(String),
        payload: {},
      },
    ]);
    expect(cancelled.body).toMatchObject({
      id: session.id,
      status: 'cancelled',
      startedAt: null,
      cancelledAt: log[0].at,
    });
    expect(await row(session.id)).toEqual({
      status: 'cancelled',
      lastSeq: 1,
      startedAt: null,
      endsAt: null,
      solvedAt: null,
      endedAt: null,
      cancelledAt: new Date(log[0].at),
    });
    const shown = await api(interviewer.token).get(`/api/sessions/${session.id}`).expect(200);
    expect(shown.body).toMatchObject({ status: 'cancelled', cancelledAt: log[0].at });
    const ids = async (status: string) => {
      const listed = await api(interviewer.token).get(`/api/sessions?status=${status}`).expect(200);
      return (listed.body as Array<{ id: string }>).map((s) => s.id);
    };
    expect(await ids('cancelled')).toContain(session.id);
    expect(await ids('scheduled')).not.toContain(session.id);
  });

  it("stops the candidate's link at once: the open connection closes and the link joins nothing after", async () => {
    const session = await scheduleSession();
    const guest = await connect({ token: session.candidateToken });
    const closed = new Promise<string>((resolve) => guest.socket.on('disconnect', resolve));
    await request(testApp.url).get(`/join/${session.candidateToken}`).expect(200);
    await api(session.candidateToken).get('/api/links/current').expect(200);

    await cancel(session.id).expect(200);
    expect(await closed).toBe('io server disconnect');
    await expect(connect({ token: session.candidateToken })).rejects.toThrow(LINK_NO_LONGER_VALID);
    const page = await request(testApp.url).get(`/join/${session.candidateToken}`).expect(404);
    expect(page.text).toContain('This link no longer works');
    const current = await api(session.candidateToken).get('/api/links/current').expect(401);
    expect(current.body.message).toBe(LINK_NO_LONGER_VALID);

    // Not only the revoked link: no link, and no interviewer, joins a cancelled role-play.
    const { token: fresh } = await issueLink(testApp.app, 'candidate', session.id);
    await expect(connect({ token: fresh })).rejects.toThrow('This role-play was cancelled.');
    await expect(interviewerConsole(session.id)).rejects.toThrow('This role-play was cancelled.');
    expect(await events(session.id)).toHaveLength(1);
  });

  it('refuses a second cancel with 409 and changes nothing', async () => {
    const session = await scheduleSession();
    await cancel(session.id).expect(200);
    const before = await snapshot(session.id);
    const again = await cancel(session.id).expect(409);
    expect(again.body).toMatchObject({
      statusCode: 409,
      message: 'This role-play has already been cancelled.',
    });
    expect(await snapshot(session.id)).toEqual(before);
  });

  it('refuses to cancel a live role-play with 409, changes nothing, and the role-play goes on', async () => {
    const session = await scheduleSession();
    const host = await interviewerConsole(session.id);
    await act(host, 'session:start');
    const before = await snapshot(session.id);

    const refused = await cancel(session.id).expect(409);
    expect(refused.body.message).toBe(
      'This role-play is live: end it from the interviewer console instead.',
    );
    expect(await snapshot(session.id)).toEqual(before);
    expect(before.row).toMatchObject({ status: 'live', cancelledAt: null });
    const guest = await connect({ token: session.candidateToken });
    const reply = await guest.act('chat:send', { text: 'Still here.' });
    expect(reply).toMatchObject({ ok: true, event: { seq: before.events.length + 1 } });
  });

  it('refuses to cancel an ended role-play with 409, changes nothing, and its link still reads the log', async () => {
    const session = await scheduleSession();
    const host = await interviewerConsole(session.id);
    await act(host, 'session:start');
    await act(host, 'session:end');
    const before = await snapshot(session.id);

    const refused = await cancel(session.id).expect(409);
    expect(refused.body.message).toBe('This role-play has already ended.');
    expect(await snapshot(session.id)).toEqual(before);
    expect(before.row).toMatchObject({ status: 'ended', cancelledAt: null });
    const guest = await connect({ token: session.candidateToken });
    await guest.until(() => guest.ordered().at(-1)?.type === 'session.ended', 'the transcript');
  });

  it('lets a manager cancel, and no one who may not see the role-play', async () => {
    const session = await scheduleSession();
    const before = await snapshot(session.id);
    const stranger = await cancel(session.id, otherInterviewer).expect(404);
    expect(stranger.body.message).toBe('There is no role-play with this id.');
    const guest = await cancel(session.id, { token: session.candidateToken }).expect(403);
    expect(guest.body.message).toBe('This is for staff members.');
    await request(testApp.url).post(`/api/sessions/${session.id}/cancel`).expect(401);
    expect(await snapshot(session.id)).toEqual(before);

    const byManager = await cancel(session.id, manager).expect(200);
    expect(byManager.body.status).toBe('cancelled');
    expect((await events(session.id)).map((event) => event.type)).toEqual(['session.cancelled']);
  });

  it('answers 404 for an unknown role-play and 400 for an id that is none', async () => {
    await cancel('7b0c5a8e-0000-4000-8000-000000000000').expect(404);
    const bad = await cancel('not-an-id').expect(400);
    expect(JSON.stringify(bad.body.message)).toMatch(/uuid/i);
  });

  it('lets exactly one of a cancel and a start racing for a role-play win, and the log says which', async () => {
    for (let round = 0; round < 5; round += 1) {
      const session = await scheduleSession();
      const host = await interviewerConsole(session.id);
      const [start, cancelled] = await Promise.all([host.act('session:start'), cancel(session.id)]);
      const log = await events(session.id);
      if (start.ok) {
        expect(cancelled.status).toBe(409);
        expect(log.map((event) => event.type)).toEqual(['session.started', 'chat.message']);
        expect(await row(session.id)).toMatchObject({ status: 'live', cancelledAt: null });
      } else {
        expect(cancelled.status).toBe(200);
        expect(start.error).toMatchObject({ code: 'session-cancelled' });
        expect(log.map((event) => event.type)).toEqual(['session.cancelled']);
        expect(await row(session.id)).toMatchObject({ status: 'cancelled', startedAt: null });
      }
    }
  });
});
