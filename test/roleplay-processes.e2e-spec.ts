import request from 'supertest';
import { RoleplayClient } from './support/roleplay-client';
import { freePort, ServerProcess } from './support/server-process';
import { createTestDatabase, databaseKind, type TestDatabase } from './support/test-database';

/** CI runs Redis on this machine; another one may be named for a local run. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADMIN = { email: 'admin@example.com', password: 'a long admin password' };

/** Hotseat as deployed: built server processes, restarted and side by side. */
describe(`role-play across processes (${databaseKind} database)`, () => {
  const processes: ServerProcess[] = [];
  const clients: RoleplayClient[] = [];
  const databases: TestDatabase[] = [];

  afterEach(async () => {
    clients.splice(0).forEach((client) => client.close());
    await Promise.all(processes.splice(0).map((server) => server.stop()));
    await Promise.all(databases.splice(0).map((database) => database.drop()));
  });

  async function start(environment: Record<string, string | undefined>) {
    const server = ServerProcess.start({
      ...environment,
      HOST: '127.0.0.1',
      HOTSEAT_ADMIN_EMAIL: ADMIN.email,
      HOTSEAT_ADMIN_PASSWORD: ADMIN.password,
      HOTSEAT_SCENARIOS_DIR: `${__dirname}/../scenarios`,
    });
    processes.push(server);
    await server.waitFor('Hotseat is running');
    return server;
  }

  /** Logs the admin in on `url`, adds a candidate and schedules a session the admin runs. */
  async function scheduleSession(url: string) {
    const login = await request(url).post('/api/auth/login').send(ADMIN).expect(200);
    const token = login.body.token as string;
    const candidate = await request(url)
      .post('/api/candidates')
      .auth(token, { type: 'bearer' })
      .send({ name: 'Ada Lovelace', email: 'ada@example.com' })
      .expect(201);
    const session = await request(url)
      .post('/api/sessions')
      .auth(token, { type: 'bearer' })
      .send({ candidateId: candidate.body.id, scenarioId: 'charged-ten-times' })
      .expect(201);
    return {
      token,
      sessionId: session.body.id as string,
      candidateToken: session.body.candidateToken as string,
    };
  }

  async function connect(url: string, auth: { token: string; sessionId?: string }) {
    const client = await RoleplayClient.connect(url, auth, {
      reconnection: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
    });
    clients.push(client);
    return client;
  }

  it('loses nothing when the server restarts mid-session: clients reconnect and the transcript is intact', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const port = String(await freePort());
    const environment = { ...database.environment, PORT: port };
    const first = await start(environment);
    const url = `http://127.0.0.1:${port}`;
    const { token, sessionId, candidateToken } = await scheduleSession(url);

    const host = await connect(url, { token, sessionId });
    const guest = await connect(url, { token: candidateToken });
    await host.act('session:start');
    await guest.act('chat:send', { text: 'Hello, I am here to help.' });
    await host.act('chat:send', { text: 'You charged me ten times!' });
    await host.act('anger:set', { level: 9 });
    await guest.until(() => guest.events.size === 4, 'the messages before the restart');

    const dropped = new Promise((resolve) => guest.socket.io.once('reconnect_attempt', resolve));
    const stopped = await first.stop();
    expect(stopped.signal ?? stopped.code).toBe('SIGTERM');
    await dropped;
    await start(environment);
    await guest.until(
      () => guest.socket.connected && host.socket.connected,
      'both to reconnect',
      20_000,
    );

    await guest.act('chat:send', { text: 'Sorry about that, I see the charges.' });
    await host.until(() => host.events.size === 6, 'the whole transcript', 20_000);
    await guest.until(() => guest.events.size === 5, 'the candidate transcript', 20_000);
    const log = await request(url)
      .get(`/api/sessions/${sessionId}/events`)
      .auth(token, { type: 'bearer' })
      .expect(200);
    expect(host.ordered()).toEqual(log.body);
    expect(log.body.map((event: { seq: number }) => event.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(guest.ordered().map((event) => event.payload.text ?? event.type)).toEqual([
      'session.started',
      expect.any(String), // the opening line
      'Hello, I am here to help.',
      'You charged me ten times!',
      'Sorry about that, I see the charges.',
    ]);
  });

  it('relays between two instances through Redis: interviewer on one, candidate on the other', async () => {
    const database = await createTestDatabase({ onServer: true });
    databases.push(database);
    const [portA, portB] = [String(await freePort()), String(await freePort())];
    // One after the other: the first migrates the empty database.
    await start({ ...database.environment, PORT: portA, REDIS_URL });
    await start({ ...database.environment, PORT: portB, REDIS_URL });
    const [urlA, urlB] = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
    const { token, sessionId, candidateToken } = await scheduleSession(urlA);

    const host = await connect(urlA, { token, sessionId });
    const guest = await connect(urlB, { token: candidateToken });
    await host.until(
      () => host.presence?.candidate === true,
      'the candidate on the other instance',
    );

    await host.act('session:start');
    await guest.next('chat.message');
    const reply = await guest.act('chat:send', { text: 'I can fix this for you.' });
    await host.next('chat.message', (event) => event.seq === reply.event!.seq);
    await host.emit('typing', { typing: true });
    await guest.until(() => guest.typing.length > 0, 'typing from the other instance');
    await host.act('note:add', { text: 'Only staff see this' });
    const back = await host.act('chat:send', { text: 'Fine. Do it.' });
    await guest.next('chat.message', (event) => event.payload.text === 'Fine. Do it.');
    expect(back.event!.seq).toBe(5);
    expect(guest.ordered().map((event) => event.type)).not.toContain('note.added');
    expect(host.ordered().map((event) => event.seq)).toEqual([1, 2, 3, 4, 5]);
    // The candidate's own numbering: the hidden note leaves no gap.
    expect(guest.ordered().map((event) => event.seq)).toEqual([1, 2, 3, 4]);
  });
});
