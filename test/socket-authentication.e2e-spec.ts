import { Logger } from '@nestjs/common';
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  AuthService,
  CapabilityLinksService,
  guardSockets,
  LINK_NO_LONGER_VALID,
  Revocations,
  LOGIN_ENDED,
  type AuthenticatedSocket,
  type Principal,
} from '@hotseat/identity';
import { createStaff, issueLink, staffToken, type TestStaff } from './support/factories';
import { createTestDatabase, databaseKind, type TestDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';

const PUBLIC_URL = 'http://hotseat.test:3000';

/**
 * Sockets get the same access as HTTP: at the handshake, and for as long as they stay connected. The
 * role-play gateway calls guardSockets on its namespace; here a bare Socket.IO server does.
 */
describe(`socket access (${databaseKind} database)`, () => {
  let database: TestDatabase;
  let testApp: TestApp;
  let io: Server;
  let url: string;
  let admin: TestStaff;
  const open: ClientSocket[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp({ ...database.environment, PUBLIC_URL });
    admin = await createStaff(testApp.app, 'admin');
    const http = createServer();
    io = new Server(http);
    guardSockets(io, testApp.app.get(AuthService), testApp.app.get(Revocations), {
      publicUrl: PUBLIC_URL,
    });
    io.on('connection', (socket: AuthenticatedSocket) =>
      socket.emit('principal', socket.data.principal),
    );
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  });

  afterEach(() => open.splice(0).forEach((socket) => socket.close()));

  afterAll(async () => {
    await io?.close();
    await testApp?.close();
    await database?.drop();
  });

  /** Connects; resolves with the Principal the server saw, or the connect_error message. */
  function handshake(
    auth: object,
    extraHeaders: Record<string, string> = {},
    to = url,
  ): Promise<{ socket: ClientSocket; principal?: Principal; refused?: string }> {
    const socket = connect(to, {
      auth,
      extraHeaders,
      transports: ['websocket'],
      reconnection: false,
    });
    open.push(socket);
    return new Promise((resolve) => {
      socket.on('principal', (principal: Principal) => resolve({ socket, principal }));
      socket.on('connect_error', (error) => resolve({ socket, refused: error.message }));
    });
  }

  const disconnected = (socket: ClientSocket) =>
    new Promise<string>((resolve) => socket.on('disconnect', (reason) => resolve(reason)));

  it('accepts a staff token, a link token and the session cookie, as the caller they stand for', async () => {
    const token = await staffToken(testApp.app, admin);
    expect((await handshake({ token })).principal).toMatchObject({
      kind: 'staff',
      user: { id: admin.id },
    });
    const viaCookie = await handshake(
      {},
      { cookie: `hotseat_session=${token}`, origin: PUBLIC_URL },
    );
    expect(viaCookie.principal).toMatchObject({ kind: 'staff', user: { id: admin.id } });
    const { token: linkToken, link } = await issueLink(testApp.app, 'candidate');
    expect((await handshake({ token: linkToken })).principal).toMatchObject({
      kind: 'guest',
      link: { scope: 'candidate', subjectId: link.subjectId },
    });
  });

  it('refuses a missing token, an ended session, a revoked link and another site, saying why', async () => {
    expect((await handshake({})).refused).toMatch(/^You are not logged in: log in again/);

    const token = await staffToken(testApp.app, admin);
    await request(testApp.url).post('/api/auth/logout').auth(token, { type: 'bearer' }).expect(204);
    expect((await handshake({ token })).refused).toBe(LOGIN_ENDED);

    const { token: linkToken, link } = await issueLink(testApp.app, 'shadow');
    await testApp.app.get(CapabilityLinksService).revoke(link.id);
    expect((await handshake({ token: linkToken })).refused).toBe(LINK_NO_LONGER_VALID);

    const fresh = await staffToken(testApp.app, admin);
    const foreign = await handshake({ token: fresh }, { origin: 'https://evil.example' });
    expect(foreign.refused).toBe(
      'Connections are accepted only from pages of http://hotseat.test:3000 (PUBLIC_URL) or of the address they are made to; this page is at https://evil.example.',
    );
  });

  describe('the page a browser opens a socket from (Origin)', () => {
    let warn: jest.SpyInstance;
    beforeEach(() => (warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => {})));
    afterEach(() => warn.mockRestore());

    it("accepts PUBLIC_URL's pages and pages on the address the socket is made to", async () => {
      const token = await staffToken(testApp.app, admin);
      // `url` is 127.0.0.1 while PUBLIC_URL names another host: Hotseat opened by its address.
      for (const origin of [PUBLIC_URL, url]) {
        const { principal, refused } = await handshake(
          {},
          { cookie: `hotseat_session=${token}`, origin },
        );
        expect({ origin, refused, principal: principal?.kind }).toEqual({
          origin,
          refused: undefined,
          principal: 'staff',
        });
      }
      expect(warn).not.toHaveBeenCalled();
    });

    it('accepts a page at 127.0.0.1 when PUBLIC_URL is http://localhost on the same port', async () => {
      const http = createServer();
      const local = new Server(http);
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
      const port = (http.address() as { port: number }).port;
      guardSockets(local, testApp.app.get(AuthService), testApp.app.get(Revocations), {
        publicUrl: `http://localhost:${port}`,
      });
      local.on('connection', (socket: AuthenticatedSocket) =>
        socket.emit('principal', socket.data.principal),
      );
      try {
        const { token } = await issueLink(testApp.app, 'candidate');
        for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
          const { principal, refused } = await handshake(
            { token },
            { origin },
            `http://127.0.0.1:${port}`,
          );
          expect({ origin, refused, principal: principal?.kind }).toEqual({
            origin,
            refused: undefined,
            principal: 'guest',
          });
        }
      } finally {
        open.splice(0).forEach((socket) => socket.close());
        await local.close();
      }
    });

    it('refuses another site, and a bare "null", logging the origin and host but no token', async () => {
      const token = await staffToken(testApp.app, admin);
      const otherPort = url.replace(/:\d+$/, ':1');
      for (const origin of ['https://evil.example', otherPort, 'null']) {
        const { refused } = await handshake({}, { cookie: `hotseat_session=${token}`, origin });
        expect(refused).toMatch(/^Connections are accepted only from pages of/);
      }
      expect(warn).toHaveBeenCalledTimes(3);
      expect(warn).toHaveBeenCalledWith(
        { origin: 'https://evil.example', host: new URL(url).host },
        'Refused a socket opened from a page of another address',
      );
      expect(JSON.stringify(warn.mock.calls)).not.toContain(token);
    });

    it('tells a refused candidate what to do, in plain words', async () => {
      const { token } = await issueLink(testApp.app, 'candidate');
      const { refused } = await handshake({ token }, { origin: 'https://evil.example' });
      expect(refused).toBe(
        'This page could not connect to the chat. Open the link exactly as you received it.',
      );
      expect(JSON.stringify(warn.mock.calls)).not.toContain(token);
    });
  });

  it('closes an open connection at logout', async () => {
    const token = await staffToken(testApp.app, admin);
    const { socket } = await handshake({ token });
    const closed = disconnected(socket);
    await request(testApp.url).post('/api/auth/logout').auth(token, { type: 'bearer' }).expect(204);
    expect(await closed).toBe('io server disconnect');
  });

  it('closes the open connections of a user an admin disables, demotes or gives a new password', async () => {
    const adminToken = await staffToken(testApp.app, admin);
    for (const change of [
      { disabled: true },
      { role: 'interviewer' },
      { password: 'by the admin' },
    ]) {
      const person = await createStaff(testApp.app, 'manager');
      const { socket } = await handshake({ token: await staffToken(testApp.app, person) });
      const closed = disconnected(socket);
      await request(testApp.url)
        .patch(`/api/users/${person.id}`)
        .auth(adminToken, { type: 'bearer' })
        .send(change)
        .expect(200);
      expect(await closed).toBe('io server disconnect');
    }
  });

  it('at a password change, closes the other logins and their sockets, but not the caller’s own', async () => {
    const person = await createStaff(testApp.app, 'interviewer');
    const own = await staffToken(testApp.app, person);
    const other = await staffToken(testApp.app, person);
    const ownSocket = (await handshake({ token: own })).socket;
    const otherSocket = (await handshake({ token: other })).socket;
    let ownClosed = false;
    ownSocket.on('disconnect', () => (ownClosed = true));
    const otherClosed = disconnected(otherSocket);

    await request(testApp.url)
      .post('/api/auth/password')
      .auth(own, { type: 'bearer' })
      .send({ currentPassword: person.password, newPassword: 'a brand new password' })
      .expect(204);

    expect(await otherClosed).toBe('io server disconnect');
    await request(testApp.url).get('/api/auth/me').auth(other, { type: 'bearer' }).expect(401);
    await request(testApp.url).get('/api/auth/me').auth(own, { type: 'bearer' }).expect(200);
    // Nothing ended the caller's login: two round trips after the other socket closed, theirs is open.
    expect(ownClosed).toBe(false);
    expect(ownSocket.connected).toBe(true);
  });

  it('closes the open connections of a revoked link, one by one or all for a subject', async () => {
    const links = testApp.app.get(CapabilityLinksService);
    const one = await issueLink(testApp.app, 'candidate');
    const first = await handshake({ token: one.token });
    const firstClosed = disconnected(first.socket);
    await links.revoke(one.link.id);
    expect(await firstClosed).toBe('io server disconnect');

    const subject = '22222222-2222-4222-8222-222222222222';
    const other = await issueLink(testApp.app, 'candidate', subject);
    const second = await handshake({ token: other.token });
    const secondClosed = disconnected(second.socket);
    await links.revokeAll('candidate', subject);
    expect(await secondClosed).toBe('io server disconnect');
  });

  it('closes a connection when its session expires', async () => {
    const token = await staffToken(testApp.app, admin);
    await testApp.app
      .get(DataSource)
      .query(`UPDATE logins SET expires_at = now() + interval '1 second' WHERE user_id = $1`, [
        admin.id,
      ]);
    const { socket, principal } = await handshake({ token });
    expect(principal).toBeDefined();
    expect(await disconnected(socket)).toBe('io server disconnect');
  });
});
