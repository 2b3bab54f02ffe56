import request from 'supertest';
import { DataSource } from 'typeorm';
import { LINK_NO_LONGER_VALID } from '@hotseat/identity';
import { signedInStaff, type TestStaff } from './support/factories';
import { RoleplayClient } from './support/roleplay-client';
import { createTestDatabase, databaseKind, type TestDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';

const SCENARIO = 'charged-ten-times';
const HOUR_MS = 60 * 60 * 1000;

type Staff = TestStaff & { token: string };

interface Scheduled {
  id: string;
  candidateToken: string;
  candidateUrl: string;
  candidateLinkExpiresAt: string;
}

/** What a test needs of one running app: its staff, and small steps through the real API. */
function harness(get: () => { testApp: TestApp; interviewer: Staff; manager: Staff }) {
  const clients: RoleplayClient[] = [];
  const api = (token: string) => ({
    get: (path: string) => request(get().testApp.url).get(path).auth(token, { type: 'bearer' }),
    post: (path: string) => request(get().testApp.url).post(path).auth(token, { type: 'bearer' }),
    put: (path: string) => request(get().testApp.url).put(path).auth(token, { type: 'bearer' }),
    delete: (path: string) =>
      request(get().testApp.url).delete(path).auth(token, { type: 'bearer' }),
  });

  async function scheduleSession(): Promise<Scheduled> {
    const { interviewer } = get();
    const candidate = await api(interviewer.token)
      .post('/api/candidates')
      .send({ name: 'Ada Lovelace', email: 'ada@example.com' })
      .expect(201);
    const session = await api(interviewer.token)
      .post('/api/sessions')
      .send({ candidateId: candidate.body.id, scenarioId: SCENARIO })
      .expect(201);
    return session.body as Scheduled;
  }

  async function connect(auth: { token: string; sessionId?: string }) {
    const client = await RoleplayClient.connect(get().testApp.url, auth);
    clients.push(client);
    return client;
  }

  const host = (sessionId: string) => connect({ token: get().interviewer.token, sessionId });

  async function act(client: RoleplayClient, action: string, payload = {}) {
    const ack = await client.act(action, payload);
    expect(ack).toMatchObject({ ok: true });
    return ack;
  }

  /** A live role-play with its interviewer and its candidate connected. */
  async function liveSession() {
    const session = await scheduleSession();
    const console = await host(session.id);
    await act(console, 'session:start');
    const guest = await connect({ token: session.candidateToken });
    return { session, console, guest };
  }

  /** Resolves with the reason the server gives when it closes `client`'s connection. */
  const closed = (client: RoleplayClient) =>
    new Promise<string>((resolve) => client.socket.on('disconnect', resolve));

  /** The candidate link stands for nothing any more: no socket, no API call, no page. */
  async function expectDead(token: string) {
    await expect(connect({ token })).rejects.toThrow(LINK_NO_LONGER_VALID);
    const current = await api(token).get('/api/links/current').expect(401);
    expect(current.body.message).toBe(LINK_NO_LONGER_VALID);
    const page = await request(get().testApp.url).get(`/join/${token}`).expect(404);
    expect(page.text).toContain('This link no longer works');
  }

  async function expectWorking(token: string) {
    await api(token).get('/api/links/current').expect(200);
    await request(get().testApp.url).get(`/join/${token}`).expect(200);
    (await connect({ token })).close();
  }

  /** The session's candidate links, oldest first, as stored. */
  const linksOf = (sessionId: string) =>
    get()
      .testApp.app.get(DataSource)
      .query<Array<{ expiresAt: Date; revokedAt: Date | null }>>(
        `SELECT expires_at AS "expiresAt", revoked_at AS "revokedAt" FROM capability_links
         WHERE scope = 'candidate' AND subject_id = $1 ORDER BY created_at`,
        [sessionId],
      );

  const endedAt = async (sessionId: string) => {
    const [row] = await get()
      .testApp.app.get(DataSource)
      .query<Array<{ endedAt: Date }>>(
        `SELECT ended_at AS "endedAt" FROM roleplay_sessions WHERE id = $1`,
        [sessionId],
      );
    return row.endedAt;
  };

  const closeAll = () => clients.splice(0).forEach((client) => client.close());

  return {
    api,
    scheduleSession,
    connect,
    host,
    act,
    liveSession,
    closed,
    expectDead,
    expectWorking,
    linksOf,
    endedAt,
    closeAll,
  };
}

/**
 * Revoking and replacing guest links (docs/access.md, "Links"): a candidate link at any point of its
 * role-play, a shadow host's link, and the candidate link's end a while after the role-play's.
 */
describe(`revoking guest links (${databaseKind} database)`, () => {
  let database: TestDatabase;
  let testApp: TestApp;
  let interviewer: Staff;
  let otherInterviewer: Staff;
  let manager: Staff;
  const {
    api,
    scheduleSession,
    connect,
    host,
    act,
    liveSession,
    closed,
    expectDead,
    expectWorking,
    linksOf,
    endedAt,
    closeAll,
  } = harness(() => ({ testApp, interviewer, manager }));

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp(database.environment);
    interviewer = await signedInStaff(testApp.app, 'interviewer');
    otherInterviewer = await signedInStaff(testApp.app, 'interviewer');
    manager = await signedInStaff(testApp.app, 'manager');
  });

  afterEach(closeAll);

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

  const revoke = (sessionId: string, by: { token: string } = interviewer) =>
    api(by.token).delete(`/api/sessions/${sessionId}/candidate-link`);
  const renew = (sessionId: string, by: { token: string } = interviewer) =>
    api(by.token).post(`/api/sessions/${sessionId}/candidate-link`);

  describe('DELETE /api/sessions/:id/candidate-link', () => {
    it('revokes it before the start: the open socket closes at once, and the role-play can still start', async () => {
      const session = await scheduleSession();
      const guest = await connect({ token: session.candidateToken });
      const guestClosed = closed(guest);

      const answer = await revoke(session.id).expect(204);
      expect(answer.text).toBe('');
      expect(await guestClosed).toBe('io server disconnect');
      await expectDead(session.candidateToken);

      const console = await host(session.id);
      await act(console, 'session:start');
      const shown = await api(interviewer.token).get(`/api/sessions/${session.id}`).expect(200);
      expect(shown.body.status).toBe('live');
    });

    it('revokes it during a live role-play: the candidate is disconnected at once and refused after', async () => {
      const { session, console, guest } = await liveSession();
      await act(guest, 'chat:send', { text: 'Hello, I am here to help.' });
      const guestClosed = closed(guest);

      await revoke(session.id).expect(204);
      expect(await guestClosed).toBe('io server disconnect');
      await expectDead(session.candidateToken);
      // The role-play itself goes on: only the link ended.
      await act(console, 'chat:send', { text: 'Hello? Anyone?' });
    });

    it('revokes it after the end: the transcript can no longer be read with it', async () => {
      const session = await scheduleSession();
      const console = await host(session.id);
      await act(console, 'session:start');
      await act(console, 'session:end');
      const guest = await connect({ token: session.candidateToken });
      await guest.next('session.ended');
      const guestClosed = closed(guest);

      await revoke(session.id).expect(204);
      expect(await guestClosed).toBe('io server disconnect');
      await expectDead(session.candidateToken);
    });

    it('answers 204 again for a link already revoked, and for a cancelled role-play', async () => {
      const session = await scheduleSession();
      await revoke(session.id).expect(204);
      await revoke(session.id).expect(204);
      const other = await scheduleSession();
      await api(interviewer.token).post(`/api/sessions/${other.id}/cancel`).expect(200);
      await revoke(other.id).expect(204);
    });
  });

  describe('POST /api/sessions/:id/candidate-link', () => {
    it('replaces a live role-play’s link: the new one joins, the old one is closed and refused', async () => {
      const { session, console, guest } = await liveSession();
      const guestClosed = closed(guest);

      const before = Date.now();
      const answer = await renew(session.id).expect(201);
      expect(answer.body).toMatchObject({
        id: session.id,
        status: 'live',
        candidateUrl: expect.stringMatching(/\/join\/hsl_/),
        candidateToken: expect.stringMatching(/^hsl_/),
      });
      const { candidateToken, candidateUrl, candidateLinkExpiresAt } = answer.body;
      expect(new URL(candidateUrl).pathname).toBe(`/join/${candidateToken}`);
      expect(candidateToken).not.toBe(session.candidateToken);
      const lifetime = new Date(candidateLinkExpiresAt).getTime() - before;
      expect(lifetime).toBeGreaterThan(14 * 24 * HOUR_MS - 60_000);
      expect(lifetime).toBeLessThanOrEqual(14 * 24 * HOUR_MS + 60_000);

      expect(await guestClosed).toBe('io server disconnect');
      await expectDead(session.candidateToken);
      const again = await connect({ token: candidateToken });
      await again.until(() => again.ordered().length >= 2, 'the transcript so far');
      await act(again, 'chat:send', { text: 'Sorry, my connection dropped.' });
      await console.next('chat.message', (event) => event.actor === 'candidate');
      await expectWorking(candidateToken);
      // One link works, the other is revoked: the answer was shown once and is not stored.
      const links = await linksOf(session.id);
      expect(links.map((link) => link.revokedAt === null)).toEqual([false, true]);
    });

    it('replaces a scheduled role-play’s link', async () => {
      const session = await scheduleSession();
      const answer = await renew(session.id).expect(201);
      expect(answer.body.status).toBe('scheduled');
      await expectDead(session.candidateToken);
      await expectWorking(answer.body.candidateToken);
    });

    it('refuses an ended or a cancelled role-play with 409, and issues nothing', async () => {
      const ended = await scheduleSession();
      const console = await host(ended.id);
      await act(console, 'session:start');
      await act(console, 'session:end');
      const refused = await renew(ended.id).expect(409);
      expect(refused.body.message).toBe(
        'This role-play has already ended: a new candidate link is only for one that is scheduled or live.',
      );
      expect(await linksOf(ended.id)).toHaveLength(1);
      // The link it has still reads the transcript.
      await expectWorking(ended.candidateToken);

      const cancelled = await scheduleSession();
      await api(interviewer.token).post(`/api/sessions/${cancelled.id}/cancel`).expect(200);
      const refusedToo = await renew(cancelled.id).expect(409);
      expect(refusedToo.body.message).toBe(
        'This role-play has already been cancelled: a new candidate link is only for one that is scheduled or live.',
      );
      expect(await linksOf(cancelled.id)).toHaveLength(1);
    });
  });

  describe('who may', () => {
    it('lets the session’s interviewer and a manager, and no one who may not see the role-play', async () => {
      const session = await scheduleSession();
      for (const call of [revoke, renew]) {
        const stranger = await call(session.id, otherInterviewer).expect(404);
        expect(stranger.body.message).toBe('There is no role-play with this id.');
        const guest = await call(session.id, { token: session.candidateToken }).expect(403);
        expect(guest.body.message).toBe('This is for staff members.');
      }
      await request(testApp.url).delete(`/api/sessions/${session.id}/candidate-link`).expect(401);
      await request(testApp.url).post(`/api/sessions/${session.id}/candidate-link`).expect(401);
      // Nothing happened to the link.
      await expectWorking(session.candidateToken);
      expect(await linksOf(session.id)).toHaveLength(1);

      const byManager = await renew(session.id, manager).expect(201);
      await expectDead(session.candidateToken);
      await revoke(session.id, manager).expect(204);
      await expectDead(byManager.body.candidateToken);
    });

    it('answers 404 for an unknown role-play and 400 for an id that is none', async () => {
      await revoke('7b0c5a8e-0000-4000-8000-000000000000').expect(404);
      await renew('7b0c5a8e-0000-4000-8000-000000000000').expect(404);
      await revoke('not-an-id').expect(400);
    });
  });

  describe('DELETE /api/shadow-links/:id', () => {
    const answers = {
      learning: { score: 3 },
      understanding: { score: 4, notes: 'Asked why refunds take 5 days' },
      engagement: { score: 2 },
    };

    async function shadowLink() {
      const candidate = await api(interviewer.token)
        .post('/api/candidates')
        .send({ name: 'Grace Hopper', email: 'grace@example.com' })
        .expect(201);
      const link = await api(interviewer.token)
        .post(`/api/candidates/${candidate.body.id}/shadow-links`)
        .send({ hostName: 'Sam Host' })
        .expect(201);
      return {
        candidateId: candidate.body.id as string,
        ...(link.body as { id: string; token: string }),
      };
    }

    const shadowingOf = async (candidateId: string) =>
      (await api(manager.token).get(`/api/candidates/${candidateId}/scorecard`).expect(200)).body
        .shadowing as Array<Record<string, unknown>>;

    it('stops the host’s link and keeps their answers, listed as revoked', async () => {
      const { candidateId, id, token } = await shadowLink();
      await api(token).put('/api/shadow-feedback').send(answers).expect(200);
      expect(await shadowingOf(candidateId)).toEqual([
        expect.objectContaining({ id, linkRevokedAt: null }),
      ]);

      await api(interviewer.token).delete(`/api/shadow-links/${id}`).expect(204);

      for (const refused of [
        await api(token).get('/api/shadow-feedback').expect(401),
        await api(token).put('/api/shadow-feedback').send(answers).expect(401),
      ]) {
        expect(refused.body.message).toBe(LINK_NO_LONGER_VALID);
      }
      const page = await request(testApp.url).get(`/shadow/${token}`).expect(404);
      expect(page.text).toContain('This link no longer works');
      const [listed] = await shadowingOf(candidateId);
      expect(listed).toMatchObject({
        id,
        hostName: 'Sam Host',
        learning: { score: 3 },
        understanding: { score: 4, notes: 'Asked why refunds take 5 days' },
        engagement: { score: 2 },
        submittedAt: expect.any(String),
        linkRevokedAt: expect.any(String),
      });
      const scorecard = await request(testApp.url)
        .get(`/candidates/${candidateId}`)
        .set('cookie', `hotseat_session=${manager.token}`)
        .expect(200);
      expect(scorecard.text).toContain('The link was revoked on');
      expect(scorecard.text).toContain('Asked why refunds take 5 days');
    });

    it('lets staff who see the candidate, and tells others there is no such link', async () => {
      const { id, token } = await shadowLink();
      const unknown = await api(interviewer.token)
        .delete('/api/shadow-links/7b0c5a8e-0000-4000-8000-000000000000')
        .expect(404);
      const stranger = await api(otherInterviewer.token)
        .delete(`/api/shadow-links/${id}`)
        .expect(404);
      expect(stranger.body.message).toBe('There is no shadow link with this id.');
      expect(unknown.body.message).toBe(stranger.body.message);
      await api(token).delete(`/api/shadow-links/${id}`).expect(403);
      await request(testApp.url).delete(`/api/shadow-links/${id}`).expect(401);
      await api(token).get('/api/shadow-feedback').expect(200);

      await api(manager.token).delete(`/api/shadow-links/${id}`).expect(204);
      await api(token).get('/api/shadow-feedback').expect(401);
    });
  });

  describe('after the end (CANDIDATE_LINK_HOURS_AFTER_END, 24 by default)', () => {
    /** The live link ends 24 hours after the session did, by the clock that stamped the end. */
    async function expectEndPlus24h(sessionId: string) {
      const ended = (await endedAt(sessionId)).getTime();
      const [link] = (await linksOf(sessionId)).filter((l) => l.revokedAt === null);
      const after = new Date(link.expiresAt).getTime() - ended;
      // Set in the transaction that ends it, a moment before the end's own timestamp.
      expect(after).toBeLessThanOrEqual(24 * HOUR_MS);
      expect(after).toBeGreaterThan(24 * HOUR_MS - 1000);
    }

    it('cuts the link to end + 24 h when the interviewer ends it; it still reads the transcript', async () => {
      const { session, console, guest } = await liveSession();
      await act(console, 'session:end');
      await guest.next('session.ended');
      await expectEndPlus24h(session.id);
      await expectWorking(session.candidateToken);
    });

    it('cuts the link to end + 24 h when the time limit ends it', async () => {
      const { session, guest } = await liveSession();
      await testApp.app
        .get(DataSource)
        .query(`UPDATE roleplay_sessions SET ends_at = clock_timestamp() WHERE id = $1`, [
          session.id,
        ]);
      const ended = await guest.next('session.ended');
      expect(ended.payload).toEqual({ endedBy: 'time-limit' });
      await expectEndPlus24h(session.id);
    });

    it('leaves a scheduled or live role-play’s link at its 14 days', async () => {
      const { session } = await liveSession();
      const [link] = await linksOf(session.id);
      expect(new Date(link.expiresAt).toISOString()).toBe(session.candidateLinkExpiresAt);
    });
  });
});

describe(`a candidate link with CANDIDATE_LINK_HOURS_AFTER_END=0 (${databaseKind} database)`, () => {
  let database: TestDatabase;
  let testApp: TestApp;
  let interviewer: Staff;
  let manager: Staff;
  const { api, liveSession, act, closed, expectDead, endedAt, linksOf, closeAll } = harness(() => ({
    testApp,
    interviewer,
    manager,
  }));

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp({ ...database.environment, CANDIDATE_LINK_HOURS_AFTER_END: '0' });
    interviewer = await signedInStaff(testApp.app, 'interviewer');
    manager = await signedInStaff(testApp.app, 'manager');
  });

  afterEach(closeAll);

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

  it('stops working right at the end: the candidate is told of the end, then disconnected', async () => {
    const { session, console, guest } = await liveSession();
    const guestClosed = closed(guest);
    await act(console, 'session:end');

    expect(await guestClosed).toBe('io server disconnect');
    // session.ended reached the candidate before the socket closed.
    expect(guest.ordered().at(-1)?.type).toBe('session.ended');
    await expectDead(session.candidateToken);
    const [link] = await linksOf(session.id);
    expect(new Date(link.expiresAt).getTime()).toBeLessThanOrEqual(
      (await endedAt(session.id)).getTime(),
    );
    // Staff still read it all.
    await api(interviewer.token).get(`/api/sessions/${session.id}/events`).expect(200);
  });
});
