import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import request from 'supertest';
import {
  AuthService,
  CapabilityLinksService,
  LINK_NO_LONGER_VALID,
  SESSION_ENDED,
  socketAuthentication,
  type AuthenticatedSocket,
  type Principal,
} from '@hotseat/identity';
import { createStaff, issueLink, staffToken, type TestStaff } from './support/factories';
import { createTestDatabase, databaseKind, type TestDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Socket handshakes go through the same AuthService as HTTP: whatever stops a token on HTTP stops it on
 * a socket too. The role-play gateway mounts this middleware; here a bare Socket.IO server does.
 */
describe(`socket handshake authentication (${databaseKind} database)`, () => {
  let database: TestDatabase;
  let testApp: TestApp;
  let io: Server;
  let url: string;
  let admin: TestStaff;

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp(database.environment);
    admin = await createStaff(testApp.app, 'admin');
    const http = createServer();
    io = new Server(http);
    io.use(socketAuthentication(testApp.app.get(AuthService)));
    io.on('connection', (socket: AuthenticatedSocket) => {
      socket.emit('principal', socket.data.principal);
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await io?.close();
    await testApp?.close();
    await database?.drop();
  });

  /** The Principal the server saw, or the connect_error message. */
  function handshake(auth: object): Promise<{ principal?: Principal; refused?: string }> {
    const socket = connect(url, { auth, transports: ['websocket'], reconnection: false });
    return new Promise((resolve) => {
      socket.on('principal', (principal: Principal) => {
        socket.close();
        resolve({ principal });
      });
      socket.on('connect_error', (error) => {
        socket.close();
        resolve({ refused: error.message });
      });
    });
  }

  it('accepts a staff token and a link token, as the caller they stand for', async () => {
    const staff = await handshake({ token: await staffToken(testApp.app, admin) });
    expect(staff.principal).toMatchObject({ kind: 'staff', user: { id: admin.id, role: 'admin' } });
    const { token, link } = await issueLink(testApp.app, 'candidate');
    const guest = await handshake({ token });
    expect(guest.principal).toMatchObject({
      kind: 'guest',
      link: { scope: 'candidate', subjectId: link.subjectId },
    });
  });

  it('refuses a missing token, an ended session and a revoked link with the reason', async () => {
    expect((await handshake({})).refused).toMatch(/^Send your token as auth.token/);

    const token = await staffToken(testApp.app, admin);
    await request(testApp.url).post('/api/auth/logout').auth(token, { type: 'bearer' }).expect(204);
    expect(await handshake({ token })).toEqual({ refused: SESSION_ENDED });

    const { token: linkToken, link } = await issueLink(testApp.app, 'shadow');
    await testApp.app.get(CapabilityLinksService).revoke(link.id);
    expect(await handshake({ token: linkToken })).toEqual({ refused: LINK_NO_LONGER_VALID });
  });

  it('refuses the token of a user an admin has just disabled', async () => {
    const person = await createStaff(testApp.app, 'interviewer');
    const token = await staffToken(testApp.app, person);
    expect((await handshake({ token })).principal).toBeDefined();
    await request(testApp.url)
      .patch(`/api/users/${person.id}`)
      .auth(await staffToken(testApp.app, admin), { type: 'bearer' })
      .send({ disabled: true })
      .expect(200);
    expect(await handshake({ token })).toEqual({ refused: SESSION_ENDED });
  });
});
