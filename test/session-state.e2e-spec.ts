import request from 'supertest';
import { DataSource } from 'typeorm';
import { sessionState, type SessionEvent, type SessionState } from '@hotseat/events';
import { signedInStaff, type TestStaff } from './support/factories';
import { RoleplayClient, type WireEvent } from './support/roleplay-client';
import { createTestDatabase, databaseKind, type TestDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';

const SCENARIO = 'charged-ten-times';

/**
 * The state columns of roleplay_sessions move only with the events that change them, in the same
 * transaction (docs/protocol.md), so `sessionState` of a session's log is its row, at every step.
 */
describe(`the log alone rebuilds a session (${databaseKind} database)`, () => {
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

  const api = (path: string) =>
    request(testApp.url).get(path).auth(interviewer.token, { type: 'bearer' });

  async function scheduleSession() {
    const candidate = await request(testApp.url)
      .post('/api/candidates')
      .auth(interviewer.token, { type: 'bearer' })
      .send({ name: 'Ada Lovelace', email: 'ada@example.com' })
      .expect(201);
    const session = await request(testApp.url)
      .post('/api/sessions')
      .auth(interviewer.token, { type: 'bearer' })
      .send({ candidateId: candidate.body.id, scenarioId: SCENARIO })
      .expect(201);
    return session.body as { id: string; candidateToken: string };
  }

  async function connect(auth: { token: string; sessionId?: string }) {
    const client = await RoleplayClient.connect(testApp.url, auth);
    clients.push(client);
    return client;
  }

  async function act(client: RoleplayClient, action: string, payload?: Record<string, unknown>) {
    const ack = await client.act(action, payload);
    expect(ack).toMatchObject({ ok: true });
    return ack;
  }

  /** The session's logged events, as staff read them over the API. */
  const logged = async (sessionId: string) =>
    (await api(`/api/sessions/${sessionId}/events`).expect(200)).body as WireEvent[];

  /** The state columns of the session's row. */
  async function stateColumns(sessionId: string): Promise<SessionState> {
    const [row] = await testApp.app.get(DataSource).query<SessionState[]>(
      `SELECT status, started_at AS "startedAt", ends_at AS "endsAt", solved_at AS "solvedAt",
              ended_at AS "endedAt", cancelled_at AS "cancelledAt"
       FROM roleplay_sessions WHERE id = $1`,
      [sessionId],
    );
    return row;
  }

  /** Checks that the log rebuilds the row (and the session's view); answers the rebuilt state. */
  async function expectLogRebuildsRow(sessionId: string): Promise<SessionState> {
    const events = await logged(sessionId);
    // The API gives each event as the vocabulary typed it when it was logged.
    const rebuilt = sessionState(events as unknown as SessionEvent[]);
    expect(await stateColumns(sessionId)).toEqual(rebuilt);
    const view = (await api(`/api/sessions/${sessionId}`).expect(200)).body;
    const { status, startedAt, endsAt, solvedAt, endedAt, cancelledAt } = view;
    expect({ status, startedAt, endsAt, solvedAt, endedAt, cancelledAt }).toEqual(
      JSON.parse(JSON.stringify(rebuilt)),
    );
    return rebuilt;
  }

  it('after every step of a whole role-play: start, chat, anger, checkpoint, solve, end', async () => {
    const session = await scheduleSession();
    expect(await expectLogRebuildsRow(session.id)).toMatchObject({ status: 'scheduled' });
    const host = await connect({ token: interviewer.token, sessionId: session.id });
    const guest = await connect({ token: session.candidateToken });

    const started = await act(host, 'session:start');
    const live = await expectLogRebuildsRow(session.id);
    expect(live).toMatchObject({ status: 'live', startedAt: new Date(started.event!.at) });
    // The deadline is the start plus the scenario's limit, and the row holds that very instant.
    expect(live.endsAt!.getTime() - live.startedAt!.getTime()).toBe(20 * 60_000);

    await act(guest, 'chat:send', { text: 'I am so sorry, let me look at this.' });
    await act(host, 'anger:set', { level: 9 });
    await act(host, 'checkpoint:hit', { checkpointId: 'acknowledge' });
    await act(host, 'note:add', { text: 'Apologised first.' });
    expect(await expectLogRebuildsRow(session.id)).toEqual(live);

    const solved = await act(host, 'session:solve');
    expect(await expectLogRebuildsRow(session.id)).toEqual({
      ...live,
      solvedAt: new Date(solved.event!.at),
    });

    const ended = await act(host, 'session:end', { reason: 'Done' });
    expect(await expectLogRebuildsRow(session.id)).toEqual({
      ...live,
      status: 'ended',
      solvedAt: new Date(solved.event!.at),
      endedAt: new Date(ended.event!.at),
    });
    // Refused actions log nothing and move nothing.
    expect(await guest.act('chat:send', { text: 'Hello?' })).toMatchObject({ ok: false });
    expect(await host.act('session:solve')).toMatchObject({ ok: false });
    const types = (await logged(session.id)).map((event) => event.type);
    expect(types).toEqual([
      'session.started',
      'chat.message',
      'chat.message',
      'anger.changed',
      'checkpoint.hit',
      'note.added',
      'session.solved',
      'session.ended',
    ]);
    await expectLogRebuildsRow(session.id);
  });

  it('after a cancel', async () => {
    const session = await scheduleSession();
    await request(testApp.url)
      .post(`/api/sessions/${session.id}/cancel`)
      .auth(interviewer.token, { type: 'bearer' })
      .expect(200);
    const [cancelled] = await logged(session.id);
    expect(await expectLogRebuildsRow(session.id)).toEqual({
      status: 'cancelled',
      startedAt: null,
      endsAt: null,
      solvedAt: null,
      endedAt: null,
      cancelledAt: new Date(cancelled.at),
    });
  });

  it('after a role-play that ended unsolved', async () => {
    const session = await scheduleSession();
    const host = await connect({ token: interviewer.token, sessionId: session.id });
    await act(host, 'session:start');
    await act(host, 'session:end');
    expect(await expectLogRebuildsRow(session.id)).toMatchObject({
      status: 'ended',
      solvedAt: null,
      cancelledAt: null,
    });
  });
});
