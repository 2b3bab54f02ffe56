import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { EmbeddedPostgres } from '@hotseat/database';
import { shadowLink, signedInStaff, type TestStaff } from './support/factories';
import { RoleplayClient } from './support/roleplay-client';
import { createTestDatabase, databaseKind, type TestDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';
import { TcpProxy } from './support/tcp-proxy';

/** Raw HTTP, for bodies supertest would fix up (a wrong Content-Encoding, a given length). */
function rawPost(url: string, path: string, headers: Record<string, string>, body: Buffer) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = httpRequest(`${url}${path}`, { method: 'POST', headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      });
      req.on('error', reject);
      req.end(body);
    },
  );
}

/** Emits `event` with a payload given as JSON text, straight onto the engine, and waits for its ack. */
function rawEmit(client: RoleplayClient, event: string, payloadJson: string): Promise<unknown> {
  const engine = client.socket.io.engine;
  const ackId = 900_000 + Math.floor(Math.random() * 99_999);
  // Socket.IO packets inside engine.io messages: 2 is an event, 3 its acknowledgement.
  const answer = `3/roleplay,${ackId}`;
  return new Promise((resolve) => {
    const onPacket = (packet: { type: string; data?: unknown }) => {
      if (typeof packet.data !== 'string' || !packet.data.startsWith(answer)) return;
      engine.off('packet', onPacket);
      resolve((JSON.parse(packet.data.slice(answer.length)) as unknown[])[0]);
    };
    engine.on('packet', onPacket);
    engine.write(`2/roleplay,${ackId}[${JSON.stringify(event)},${payloadJson}]`);
  });
}

describe(`hardening: bad input, floods, idempotency keys (${databaseKind} database)`, () => {
  let database: TestDatabase;
  let testApp: TestApp;
  let manager: TestStaff & { token: string };
  let interviewer: TestStaff & { token: string };
  const clients: RoleplayClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp(database.environment);
    manager = await signedInStaff(testApp.app, 'manager');
    interviewer = await signedInStaff(testApp.app, 'interviewer');
  });

  afterEach(() => clients.splice(0).forEach((client) => client.close()));

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

  const as = (who: { token: string }) => ({
    post: (path: string) => request(testApp.url).post(path).auth(who.token, { type: 'bearer' }),
    patch: (path: string) => request(testApp.url).patch(path).auth(who.token, { type: 'bearer' }),
  });
  const count = async (table: string) =>
    Number(
      (
        await testApp.app
          .get(DataSource)
          .query<Array<{ n: string }>>(`SELECT count(*) AS n FROM ${table}`)
      )[0].n,
    );

  /** The standard error answer: shape, request id and security headers, whatever failed. */
  function expectErrorAnswer(
    answer: { status: number; headers: Record<string, unknown>; body: unknown },
    status: number,
    message: RegExp,
  ) {
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({
      statusCode: status,
      error: expect.any(String),
      message: expect.anything(),
    });
    expect([(answer.body as { message: string | string[] }).message].flat().join(' ')).toMatch(
      message,
    );
    expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['content-security-policy']).toBeDefined();
  }

  describe('bodies the parser refuses', () => {
    it('answers a body over 100 KB with 413, the standard shape and headers', async () => {
      const body = Buffer.from(JSON.stringify({ email: 'a'.repeat(120 * 1024) }));
      const answer = await rawPost(
        testApp.url,
        '/api/auth/login',
        { 'content-type': 'application/json', 'content-length': String(body.length) },
        body,
      );
      expectErrorAnswer({ ...answer, body: JSON.parse(answer.body) }, 413, /larger than 100 KB/);
    });

    it('answers a body that is not the gzip it claims with 400', async () => {
      const answer = await rawPost(
        testApp.url,
        '/api/auth/login',
        { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        Buffer.from('{"email":"a@x.test","password":"x"}'),
      );
      expectErrorAnswer(
        { ...answer, body: JSON.parse(answer.body) },
        400,
        /Content-Encoding matches/,
      );
    });

    it('answers an unknown Content-Encoding with 415 and broken JSON with 400', async () => {
      const unknown = await rawPost(
        testApp.url,
        '/api/auth/login',
        { 'content-type': 'application/json', 'content-encoding': 'zstd-ish' },
        Buffer.from('{}'),
      );
      expectErrorAnswer({ ...unknown, body: JSON.parse(unknown.body) }, 415, /Content-Encoding/);
      const broken = await as(manager)
        .post('/api/openings')
        .set('content-type', 'application/json')
        .send('{"title": ');
      expectErrorAnswer(broken, 400, /JSON/);
    });
  });

  describe('the shared input rule over HTTP', () => {
    it('refuses a NUL byte, naming the field, before the database sees it (unauthenticated too)', async () => {
      const login = await request(testApp.url)
        .post('/api/auth/login')
        .send({ email: 'a\u0000@x.test', password: 'whatever' });
      expectErrorAnswer(login, 400, /^email must not contain the NUL character/);
      const before = await count('candidates');
      const candidate = await as(manager)
        .post('/api/candidates')
        .send({ name: 'Ada\u0000', email: 'ada@example.com' });
      expectErrorAnswer(candidate, 400, /^name must not contain the NUL character/);
      expect(await count('candidates')).toBe(before);
    });

    it('refuses a lone surrogate in a body and a NUL in a query', async () => {
      const login = await request(testApp.url)
        .post('/api/auth/login')
        .send({ email: 'x\ud83d@x.test', password: 'whatever' });
      expectErrorAnswer(login, 400, /^email contains a broken character/);
      const search = await request(testApp.url)
        .get('/api/help-center/search?q=refund%00')
        .auth(manager.token, { type: 'bearer' });
      expectErrorAnswer(search, 400, /^q must not contain the NUL character/);
    });

    it('bounds nesting: a 20,000-deep array and a 5,000-deep object are a 400, not a crash', async () => {
      const deepArray = '['.repeat(20_000) + ']'.repeat(20_000);
      const array = await as(manager)
        .post('/api/openings')
        .set('content-type', 'application/json')
        .send(deepArray);
      expectErrorAnswer(array, 400, /nested too deeply/);
      const deepObject = '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000);
      const object = await as(manager)
        .post('/api/openings')
        .set('content-type', 'application/json')
        .send(`{"title":"T","weights":${deepObject}}`);
      expectErrorAnswer(object, 400, /nested too deeply/);
    });

    it('refuses an empty PATCH of an opening with the fields it could send', async () => {
      const { body: opening } = await as(manager)
        .post('/api/openings')
        .send({ title: 'Support agent', scenarioIds: ['charged-ten-times'] })
        .expect(201);
      const empty = await as(manager).patch(`/api/openings/${opening.id}`).send({});
      expectErrorAnswer(empty, 400, /^Send at least one of title, scenarioIds or weights/);
    });

    it('refuses a list where a shadow answer must be one object, and stores nothing', async () => {
      const link = await shadowLink(testApp.app, manager);
      const put = (body: object) =>
        request(testApp.url)
          .put('/api/shadow-feedback')
          .auth(link.token, { type: 'bearer' })
          .send(body);
      const answer = { score: 3, notes: 'Kept notes' };
      await put({ learning: answer, understanding: answer, engagement: answer }).expect(200);
      for (const learning of [[], [{ score: 1 }]]) {
        const refused = await put({ learning, understanding: answer, engagement: answer });
        expectErrorAnswer(refused, 400, /learning must be \{ score, notes \}/);
      }
      const { body: form } = await request(testApp.url)
        .get('/api/shadow-feedback')
        .auth(link.token, { type: 'bearer' })
        .expect(200);
      expect(form.feedback.learning).toEqual({ score: 3, notes: 'Kept notes' });
    });
  });

  describe('when the database is away', () => {
    let proxy: TcpProxy;
    let outageApp: TestApp;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      let databaseName: string;
      if (databaseKind === 'server') {
        const own = await createTestDatabase();
        const url = new URL(own.url!);
        proxy = await new TcpProxy({ host: url.hostname, port: Number(url.port || 5432) }).start();
        databaseName = url.pathname.slice(1);
        cleanup = () => own.drop();
      } else {
        const embedded = await EmbeddedPostgres.start();
        proxy = await new TcpProxy({
          path: join(embedded.connection.host, '.s.PGSQL.5432'),
        }).start();
        databaseName = 'postgres';
        cleanup = () => embedded.stop();
      }
      outageApp = await startTestApp({
        DATABASE_URL: `postgres://postgres@127.0.0.1:${proxy.port}/${databaseName}`,
      });
    });

    afterAll(async () => {
      await outageApp?.close();
      await proxy?.close();
      await cleanup?.();
    });

    it('answers a login with 503 and Retry-After, then works again once it is back', async () => {
      const login = () =>
        request(outageApp.url)
          .post('/api/auth/login')
          .send({ email: 'nobody@example.com', password: 'not-the-password' });
      await login().expect(401);
      await proxy.cut();
      const down = await login();
      expectErrorAnswer(down, 503, /cannot reach its database just now/);
      expect(down.headers['retry-after']).toBe('5');
      await proxy.restore();
      await login().expect(401);
    });
  });

  describe('over the socket', () => {
    async function connect(auth: { token: string; sessionId?: string }) {
      const client = await RoleplayClient.connect(testApp.url, auth);
      clients.push(client);
      return client;
    }

    async function liveSession() {
      const { body: candidate } = await as(interviewer)
        .post('/api/candidates')
        .send({ name: 'Ada Lovelace', email: 'ada@example.com' })
        .expect(201);
      const { body: session } = await as(interviewer)
        .post('/api/sessions')
        .send({ candidateId: candidate.id, scenarioId: 'charged-ten-times' })
        .expect(201);
      const host = await connect({ token: interviewer.token, sessionId: session.id });
      const guest = await connect({ token: session.candidateToken as string });
      expect(await host.act('session:start')).toMatchObject({ ok: true });
      await guest.next('chat.message');
      return { session: session as { id: string; candidateToken: string }, host, guest };
    }

    const logLength = async (sessionId: string) =>
      Number(
        (
          await testApp.app
            .get(DataSource)
            .query<Array<{ n: string }>>(
              `SELECT count(*) AS n FROM session_events WHERE session_id = $1`,
              [sessionId],
            )
        )[0].n,
      );

    it('answers NUL, lone surrogates, deep nesting and prototype keys with `invalid` and the field', async () => {
      const { session, host, guest } = await liveSession();
      const before = await logLength(session.id);
      const cases: Array<[RoleplayClient, string, object, string]> = [
        [guest, 'chat:send', { text: 'hi\u0000' }, 'text'],
        [host, 'note:add', { text: 'x\ud83d' }, 'text'],
        [guest, 'help:search', { query: 'refund\u0000' }, 'query'],
        [guest, 'help:open', { articleId: '\udc00' }, 'articleId'],
        [
          guest,
          'desk:act',
          { actionId: 'refund', input: JSON.parse('{"__proto__":{"x":1}}') as object },
          'input.__proto__',
        ],
      ];
      for (const [client, event, payload, field] of cases) {
        const answer = await client.act(event, payload as Record<string, unknown>);
        expect({ event, answer }).toMatchObject({
          event,
          answer: { ok: false, error: { code: 'invalid', field } },
        });
      }
      // Written as a raw packet: socket.io-client itself cannot walk a payload this deep. (15,000
      // levels: a message over 32 KB closes the connection before any handler sees it.)
      const deep = '['.repeat(15_000) + ']'.repeat(15_000);
      expect(await rawEmit(guest, 'chat:send', deep)).toMatchObject({
        ok: false,
        error: { code: 'invalid', message: expect.stringMatching(/nested too deeply/) },
      });
      const deepObject = '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000);
      const payload = `{"clientId":"${randomUUID()}","text":"hi","extra":${deepObject}}`;
      expect(await rawEmit(host, 'chat:send', payload)).toMatchObject({
        ok: false,
        error: { code: 'invalid', message: expect.stringMatching(/nested too deeply/) },
      });
      expect(await logLength(session.id)).toBe(before);
    });

    it('scopes a clientId to its side: the candidate reusing the interviewer’s gets its own event', async () => {
      const { session, host, guest } = await liveSession();
      const clientId = randomUUID();
      const note = await host.emit('note:add', { clientId, text: 'Private: sounds rehearsed' });
      expect(note).toMatchObject({ ok: true, event: { type: 'note.added' } });
      const fresh = await guest.emit('chat:send', { clientId, text: 'I am on it.' });
      expect(fresh).toMatchObject({
        ok: true,
        event: { type: 'chat.message', actor: 'candidate', payload: { text: 'I am on it.' } },
      });
      expect(JSON.stringify(fresh)).not.toContain('rehearsed');
      // A true retry on either side still answers with that side's original event.
      expect(await guest.emit('chat:send', { clientId, text: 'I am on it.' })).toEqual(fresh);
      expect(await host.emit('note:add', { clientId, text: 'Private: sounds rehearsed' })).toEqual(
        note,
      );
      const texts = (
        await testApp.app
          .get(DataSource)
          .query<Array<{ type: string }>>(
            `SELECT type FROM session_events WHERE session_id = $1 AND client_id = $2 ORDER BY seq`,
            [session.id, clientId],
          )
      ).map((row) => row.type);
      expect(texts).toEqual(['note.added', 'chat.message']);
    });

    it('refuses a clientId reused for a different action or payload, and logs nothing', async () => {
      const { session, host, guest } = await liveSession();
      const clientId = randomUUID();
      expect(await guest.emit('chat:send', { clientId, text: 'First' })).toMatchObject({
        ok: true,
      });
      const before = await logLength(session.id);
      for (const [event, payload] of [
        ['chat:send', { clientId, text: 'Something else' }],
        ['help:search', { clientId, query: 'refund' }],
      ] as const) {
        expect(await guest.emit(event, payload)).toMatchObject({
          ok: false,
          error: {
            code: 'invalid',
            field: 'clientId',
            message: expect.stringMatching(/already used for a different action/),
          },
        });
      }
      expect(await host.emit('anger:set', { clientId, level: 3 })).toMatchObject({ ok: true });
      expect(await logLength(session.id)).toBe(before + 1);
    });

    it('caps the sockets one link may open, and frees a place when one closes', async () => {
      const { session } = await liveSession(); // the candidate's first socket is open
      const attempts = await Promise.allSettled(
        Array.from({ length: 12 }, () => connect({ token: session.candidateToken })),
      );
      const opened = attempts.filter((attempt) => attempt.status === 'fulfilled');
      const refused = attempts.filter((attempt) => attempt.status === 'rejected');
      expect(opened).toHaveLength(4);
      expect(refused).toHaveLength(8);
      expect(refused[0].reason).toMatchObject({
        message: expect.stringMatching(/already connected in 5 windows/),
      });
      opened[0].value.close();
      await new Promise((resolve) => setTimeout(resolve, 200));
      await expect(connect({ token: session.candidateToken })).resolves.toBeDefined();
      await expect(connect({ token: session.candidateToken })).rejects.toThrow(/5 windows/);
    });

    it('limits one link over all its sockets, not per connection', async () => {
      const { session, guest } = await liveSession();
      const others = await Promise.all(
        Array.from({ length: 4 }, () => connect({ token: session.candidateToken })),
      );
      const sockets = [guest, ...others];
      const before = await logLength(session.id);
      const answers = await Promise.all(
        Array.from({ length: 200 }, (_unused, index) =>
          sockets[index % sockets.length].act('chat:send', { text: `flood ${index}` }),
        ),
      );
      const accepted = answers.filter((answer) => answer.ok).length;
      const limited = answers.filter(
        (answer) => !answer.ok && answer.error?.code === 'rate-limited',
      ).length;
      expect(accepted + limited).toBe(200);
      // A burst of 40 (less the five sockets' first syncs), plus what refills (20 a second) while
      // the flood is answered; per connection, all 200 would have passed.
      expect(accepted).toBeGreaterThanOrEqual(30);
      expect(accepted).toBeLessThan(120);
      expect(await logLength(session.id)).toBe(before + accepted);
    });
  });
});
