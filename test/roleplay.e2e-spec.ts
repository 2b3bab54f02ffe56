import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CapabilityLinksService, LINK_NO_LONGER_VALID } from '@hotseat/identity';
import type { WireEvent as SessionEvent } from './support/roleplay-client';
import { signedInStaff, type TestStaff } from './support/factories';
import { RoleplayClient, type Ack } from './support/roleplay-client';
import { untilPast } from './support/clock';
import { createTestDatabase, databaseKind, type TestDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';

const SCENARIO = 'charged-ten-times';

describe(`live role-play (${databaseKind} database)`, () => {
  let database: TestDatabase;
  let testApp: TestApp;
  let interviewer: TestStaff & { token: string };
  let otherInterviewer: TestStaff & { token: string };
  let manager: TestStaff & { token: string };
  const clients: RoleplayClient[] = [];

  const staff = (role: 'interviewer' | 'manager') => signedInStaff(testApp.app, role);

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp(database.environment);
    interviewer = await staff('interviewer');
    otherInterviewer = await staff('interviewer');
    manager = await staff('manager');
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

  /** A candidate and a scheduled session run by `interviewer`, through the HTTP API. */
  async function scheduleSession(candidateName = 'Ada Lovelace') {
    const candidate = await api(interviewer.token)
      .post('/api/candidates')
      .send({ name: candidateName, email: 'ada@example.com' })
      .expect(201);
    const session = await api(interviewer.token)
      .post('/api/sessions')
      .send({ candidateId: candidate.body.id, scenarioId: SCENARIO })
      .expect(201);
    return session.body as {
      id: string;
      status: string;
      candidateToken: string;
      candidateUrl: string;
      interviewerUrl: string;
    };
  }

  async function connect(auth: { token: string; sessionId?: string }) {
    const client = await RoleplayClient.connect(testApp.url, auth);
    clients.push(client);
    return client;
  }

  /** A live session with both sides connected and synced. */
  async function liveSession() {
    const session = await scheduleSession();
    const host = await connect({ token: interviewer.token, sessionId: session.id });
    const guest = await connect({ token: session.candidateToken });
    const started = await host.act('session:start');
    expect(started).toMatchObject({ ok: true, event: { type: 'session.started' } });
    await guest.next('chat.message');
    return { session, host, guest };
  }

  const logOf = (sessionId: string) =>
    testApp.app
      .get(DataSource)
      .query<Array<{ seq: number; type: string }>>(
        'SELECT seq, type FROM session_events WHERE session_id = $1 ORDER BY seq',
        [sessionId],
      );

  describe('sessions over HTTP', () => {
    it('creates a scheduled session with a candidate link and a console URL, and shows it to who may see it', async () => {
      const session = await scheduleSession();
      expect(session).toMatchObject({
        status: 'scheduled',
        candidate: { name: 'Ada Lovelace' },
        scenario: { id: SCENARIO, title: expect.any(String) },
        interviewerId: interviewer.id,
        candidateUrl: expect.stringMatching(/\/join\/hsl_/),
        interviewerUrl: expect.stringMatching(new RegExp(`/sessions/${session.id}$`)),
      });
      expect(session.candidateUrl.endsWith(session.candidateToken)).toBe(true);

      const mine = await api(interviewer.token).get('/api/sessions').expect(200);
      expect(mine.body.map((s: { id: string }) => s.id)).toContain(session.id);
      await api(manager.token).get(`/api/sessions/${session.id}`).expect(200);
      const theirs = await api(otherInterviewer.token).get('/api/sessions').expect(200);
      expect(theirs.body.map((s: { id: string }) => s.id)).not.toContain(session.id);
      await api(otherInterviewer.token).get(`/api/sessions/${session.id}`).expect(404);
    });

    it('refuses an unknown scenario, a candidate the caller may not see and a bad status filter, naming the field', async () => {
      const { body: candidate } = await api(interviewer.token)
        .post('/api/candidates')
        .send({ name: 'Grace Hopper', email: 'grace@example.com' })
        .expect(201);
      const unknown = await api(interviewer.token)
        .post('/api/sessions')
        .send({ candidateId: candidate.id, scenarioId: 'no-such-scenario' })
        .expect(404);
      expect(unknown.body.message).toBe('There is no valid scenario with this id.');
      await api(otherInterviewer.token)
        .post('/api/sessions')
        .send({ candidateId: candidate.id, scenarioId: SCENARIO })
        .expect(404);
      const bad = await api(interviewer.token).post('/api/sessions').send({ candidateId: 'x' });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toEqual(
        expect.arrayContaining(['candidateId must be the id of a candidate']),
      );
      const filter = await api(interviewer.token).get('/api/sessions?status=paused').expect(400);
      expect(filter.body.message).toEqual([
        'status must be one of scheduled, live, ended, cancelled',
      ]);
    });

    it('cancels a scheduled session: its candidate link stops at once; a live one cannot be cancelled', async () => {
      const session = await scheduleSession();
      const guest = await connect({ token: session.candidateToken });
      const closed = new Promise((resolve) => guest.socket.on('disconnect', resolve));
      const cancelled = await api(interviewer.token)
        .post(`/api/sessions/${session.id}/cancel`)
        .expect(200);
      expect(cancelled.body.status).toBe('cancelled');
      await closed;
      await expect(connect({ token: session.candidateToken })).rejects.toThrow(
        LINK_NO_LONGER_VALID,
      );
      const host = await connect({ token: interviewer.token, sessionId: session.id }).catch(
        (error: Error) => error.message,
      );
      expect(host).toBe('This role-play was cancelled.');

      const { session: live } = await liveSession();
      const refused = await api(interviewer.token)
        .post(`/api/sessions/${live.id}/cancel`)
        .expect(409);
      expect(refused.body.message).toBe(
        'This role-play is live: end it from the interviewer console instead.',
      );
    });
  });

  describe('a whole role-play, from start to end, each side seeing what it may', () => {
    let session: Awaited<ReturnType<typeof scheduleSession>>;
    let host: RoleplayClient;
    let guest: RoleplayClient;
    let watcher: RoleplayClient;
    // What each step answered or showed, in the order the role-play took them.
    let guestPresence: RoleplayClient['presence'];
    let early: Ack;
    let startByCandidate: Ack;
    let started: Ack;
    let startSeen: SessionEvent;
    let opening: SessionEvent;
    let liveStatus: request.Response;
    let typing: Ack;
    let reply: Ack;
    let beatLine: Ack;
    let beatLineSeen: SessionEvent;
    let anger: Ack;
    let checkpoint: Ack;
    let checkpointAgain: Ack;
    let note: Ack;
    let search: Ack;
    let searched: SessionEvent;
    let opened: Ack;
    let closed: Ack;
    let away: Ack;
    let watcherChat: Ack;
    let solved: Ack;
    let solvedAgain: Ack;
    let ended: Ack;
    let endSeen: SessionEvent;
    let late: Ack;
    let log: SessionEvent[];
    let shown: request.Response;

    const types = () => log.map((event) => event.type);

    beforeAll(async () => {
      session = await scheduleSession('Ada Lovelace');
      host = await connect({ token: interviewer.token, sessionId: session.id });
      guest = await connect({ token: session.candidateToken });
      watcher = await connect({ token: manager.token, sessionId: session.id });
      await host.until(() => host.presence?.candidate === true, 'the candidate to be present');
      guestPresence = guest.presence;

      early = await guest.act('chat:send', { text: 'Hello?' });
      startByCandidate = await guest.act('session:start');
      started = await host.act('session:start');
      startSeen = await guest.next('session.started');
      opening = await guest.next('chat.message');
      liveStatus = await api(interviewer.token).get(`/api/sessions/${session.id}`);

      typing = await host.emit('typing', { typing: true });
      await guest.until(() => guest.typing.length > 0, 'the customer typing');

      reply = await guest.act('chat:send', { text: 'I am so sorry, let me look at this.' });
      await host.next('chat.message', (event) => event.actor === 'candidate');
      beatLine = await host.act('chat:send', {
        text: 'Ten charges! Ten!',
        beatId: 'order-number-first',
      });
      beatLineSeen = await guest.next(
        'chat.message',
        (e) => e.payload.text === 'Ten charges! Ten!',
      );

      anger = await host.act('anger:set', { level: 9 });
      checkpoint = await host.act('checkpoint:hit', { checkpointId: 'acknowledge' });
      checkpointAgain = await host.act('checkpoint:hit', { checkpointId: 'acknowledge' });
      note = await host.act('note:add', { text: 'Apologised before asking.' });

      search = await guest.act('help:search', { query: 'refund duplicate charge' });
      searched = await host.next('help.searched');
      const [first] = (search.results ?? []) as Array<{ articleId: string }>;
      opened = await guest.act('help:open', { articleId: first?.articleId });
      await host.next('help.opened');
      closed = await guest.act('help:close', { articleId: first?.articleId });
      away = await guest.act('attention', { kind: 'away' });
      await host.next('candidate.away');

      watcherChat = await watcher.act('chat:send', { text: 'hi' });
      solved = await host.act('session:solve');
      solvedAgain = await host.act('session:solve');
      ended = await host.act('session:end', { reason: 'Wrapped up early' });
      endSeen = await guest.next('session.ended');
      late = await guest.act('chat:send', { text: 'Are you still there?' });

      log = (await api(interviewer.token).get(`/api/sessions/${session.id}/events`).expect(200))
        .body as SessionEvent[];
      shown = await api(interviewer.token).get(`/api/sessions/${session.id}`);
      await watcher.until(() => watcher.events.size === log.length, 'the whole log');
    });

    it('shows each side to the other, and refuses chat before the start and a start by the candidate', () => {
      expect(guestPresence).toEqual({ candidate: true, interviewer: true });
      expect(early).toMatchObject({ ok: false, error: { code: 'not-started' } });
      expect(startByCandidate).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    });

    it('starts with session.started and an opening line rendered for the candidate', () => {
      expect(started).toMatchObject({ ok: true, event: { seq: 1, type: 'session.started' } });
      expect(startSeen.payload).toEqual({ timeLimitMinutes: 20 });
      expect(opening).toMatchObject({ seq: 2, actor: 'customer' });
      // The opening line is rendered with the scenario's variables, never left as a template.
      expect(opening.payload.text).not.toMatch(/\{\{/);
      expect(liveStatus.status).toBe(200);
      expect(liveStatus.body).toMatchObject({ status: 'live', startedAt: started.event!.at });
    });

    it('relays typing to the other side, and never logs it', () => {
      expect(typing).toEqual({ ok: true });
      expect(guest.typing[0]).toEqual({ actor: 'customer', typing: true });
      expect(types()).not.toContain('typing');
    });

    it("logs chat, and shows the candidate a script line without the script's beat", () => {
      expect(reply).toMatchObject({
        ok: true,
        event: { seq: 3, type: 'chat.message', actor: 'candidate' },
      });
      expect(beatLine.event?.payload).toEqual({
        text: 'Ten charges! Ten!',
        beatId: 'order-number-first',
      });
      expect(beatLineSeen.payload).toEqual({ text: 'Ten charges! Ten!' });
    });

    it("takes the interviewer's anger, checkpoints (each once) and notes", () => {
      expect(anger).toMatchObject({ ok: true });
      expect(checkpoint).toMatchObject({ ok: true });
      expect(checkpointAgain).toMatchObject({ ok: false, error: { code: 'already-hit' } });
      expect(note).toMatchObject({ ok: true });
    });

    it("answers the candidate's help-center use and shows it to the interviewer", () => {
      expect(search).toMatchObject({ ok: true, event: { type: 'help.searched' } });
      const results = search.results as Array<{
        articleId: string;
        title: string;
        snippet: string;
      }>;
      expect(results.length).toBeGreaterThan(0);
      expect(searched.payload).toMatchObject({ query: 'refund duplicate charge' });
      expect(opened).toMatchObject({
        ok: true,
        article: { id: results[0].articleId, title: results[0].title, html: expect.any(String) },
      });
      expect(closed).toMatchObject({ ok: true });
      expect(away).toMatchObject({ ok: true, event: { type: 'candidate.away' } });
      expect(host.ordered().map((event) => event.type)).toEqual(
        expect.arrayContaining(['help.searched', 'help.opened', 'help.closed', 'candidate.away']),
      );
    });

    it('refuses chat from an observer, a second solve, and chat after the end', () => {
      expect(watcherChat).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(solved).toMatchObject({ ok: true });
      expect(solvedAgain).toMatchObject({ ok: false, error: { code: 'already-solved' } });
      expect(ended).toMatchObject({ ok: true, event: { type: 'session.ended' } });
      expect(endSeen.payload).toEqual({ endedBy: 'interviewer' });
      expect(late).toEqual({
        ok: false,
        error: { code: 'session-ended', message: 'This role-play has ended.' },
      });
    });

    it('logs every step once, gapless and in time order, and shows the session ended', () => {
      expect(types()).toEqual([
        'session.started',
        'chat.message',
        'chat.message',
        'chat.message',
        'anger.changed',
        'checkpoint.hit',
        'note.added',
        'help.searched',
        'help.opened',
        'help.closed',
        'candidate.away',
        'session.solved',
        'session.ended',
      ]);
      expect(log.map((event) => event.seq)).toEqual(log.map((_event, index) => index + 1));
      const ats = log.map((event) => Date.parse(event.at));
      expect([...ats].sort((a, b) => a - b)).toEqual(ats);
      expect(shown.status).toBe(200);
      expect(shown.body).toMatchObject({ status: 'ended', solvedAt: expect.any(String) });
    });

    it('leaves every side with the log it may see, live; the watcher with all of it', () => {
      expect(watcher.ordered().map((event) => event.type)).toEqual(types());
      expect(guest.ordered().map((event) => event.type)).toEqual([
        'session.started',
        'chat.message',
        'chat.message',
        'chat.message',
        'help.searched',
        'help.opened',
        'help.closed',
        'candidate.away',
        'session.ended',
      ]);
    });
  });

  describe("a beat carries its anger (the prompter's one click)", () => {
    /** The anger levels logged so far, in order. */
    const angerLog = async (sessionId: string) =>
      (
        await testApp.app
          .get(DataSource)
          .query<Array<{ type: string; actor: string; level: number | null; beat: string | null }>>(
            `SELECT type, actor, (payload->>'level')::int AS level, payload->>'beatId' AS beat
             FROM session_events WHERE session_id = $1 AND seq > 2 ORDER BY seq`,
            [sessionId],
          )
      ).map(({ type, level, beat }) =>
        type === 'anger.changed' ? `anger ${level}` : `line ${beat}`,
      );

    it('applies the change with the line in one action, clamped to 10, unless switched off', async () => {
      // charged-ten-times: initialAnger 8; "ten-business-days" is +2, "sincere-apology" -2.
      const { session, host, guest } = await liveSession();
      const first = await host.act('chat:send', {
        text: 'Ten days?!',
        beatId: 'ten-business-days',
      });
      // The acknowledgement answers the line; its anger change follows it in the log.
      expect(first).toMatchObject({
        ok: true,
        event: { type: 'chat.message', payload: { beatId: 'ten-business-days' } },
      });
      await host.act('chat:send', { text: 'Still ten days?!', beatId: 'ten-business-days' });
      await host.act('chat:send', {
        text: 'Okay. Thank you.',
        beatId: 'sincere-apology',
        applyAnger: false,
      });
      await host.act('chat:send', { text: 'Okay, really, thanks.', beatId: 'sincere-apology' });
      expect(await angerLog(session.id)).toEqual([
        'line ten-business-days',
        'anger 10',
        // Already at 10: the +2 changes nothing, so nothing is logged for it.
        'line ten-business-days',
        'line sincere-apology',
        'line sincere-apology',
        'anger 8',
      ]);
      // The candidate sees the lines only.
      await guest.until(() => guest.ordered().length === 6, 'the four lines');
      expect(JSON.stringify(guest.ordered())).not.toMatch(/anger|beatId|level/);
    });

    it('logs nothing for an anger:set that changes nothing, and refuses applyAnger without a beat', async () => {
      const { session, host } = await liveSession();
      const same = await host.act('anger:set', { level: 8 });
      expect(same).toEqual({ ok: true });
      expect(await host.act('anger:set', { level: 6 })).toMatchObject({
        ok: true,
        event: { type: 'anger.changed' },
      });
      expect(await host.act('anger:set', { level: 6 })).toEqual({ ok: true });
      expect(await angerLog(session.id)).toEqual(['anger 6']);
      expect(await host.act('chat:send', { text: 'Hi', applyAnger: true })).toMatchObject({
        ok: false,
        error: { code: 'invalid', field: 'applyAnger' },
      });
      expect(
        await host.act('chat:send', { text: 'Hi', beatId: 'silence', applyAnger: 'yes' }),
      ).toMatchObject({
        ok: false,
        error: { code: 'invalid', field: 'applyAnger' },
      });
      expect(await angerLog(session.id)).toEqual(['anger 6']);
    });
  });

  it('never shows the candidate interviewer-only events or fields through sync', async () => {
    const { session, host } = await liveSession();
    await host.act('chat:send', { text: 'Line from the script', beatId: 'silence' });
    await host.act('anger:set', { level: 3 });
    await host.act('checkpoint:hit', { checkpointId: 'find-duplicates' });
    await host.act('note:add', { text: 'Secret note' });
    await host.act('session:solve');
    await host.act('session:end', { reason: 'Private reason' });

    const late = await connect({ token: session.candidateToken });
    await late.until(() => late.events.size === 4, 'the candidate view of the log');
    const answer = await late.emit('sync', { afterSeq: 0 });
    // In the candidate's own numbering: the four events they may see, whatever was hidden between.
    expect(answer).toMatchObject({ ok: true, lastSeq: 4, more: false });
    const seen = answer.events!;
    expect(seen.map((event) => event.type)).toEqual([
      'session.started',
      'chat.message',
      'chat.message',
      'session.ended',
    ]);
    expect(JSON.stringify(seen)).not.toMatch(/silence|Secret note|Private reason|beatId|level/);
    const full = await host.emit('sync', { afterSeq: 0 });
    // The beat's line carries its anger change (+1): two events in one action.
    expect(full.events!.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('returns the original event for a retried clientId and logs nothing new', async () => {
    const { session, host, guest } = await liveSession();
    const clientId = randomUUID();
    const first = await guest.emit('chat:send', { clientId, text: 'Let me check.' });
    const retry = await guest.emit('chat:send', { clientId, text: 'Let me check.' });
    expect(retry).toEqual(first);
    await host.next('chat.message', (event) => event.seq === first.event!.seq);
    const marker = await guest.act('chat:send', { text: 'marker' });
    await host.next('chat.message', (event) => event.seq === marker.event!.seq);
    // The original is sent again (its first broadcast may have been lost), under the same seq.
    expect(host.liveCount).toBe(5);
    expect(host.ordered().map((event) => event.seq)).toEqual([1, 2, 3, 4]);
    expect((await logOf(session.id)).map((event) => event.seq)).toEqual([1, 2, 3, 4]);
  });

  it('gives 50 concurrent sends distinct seqs with no gaps', async () => {
    const { session, host, guest } = await liveSession();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_unused, index) =>
        (index % 2 ? host : guest).act('chat:send', { text: `message ${index}` }),
      ),
    );
    expect(answers.every((answer) => answer.ok)).toBe(true);
    const seqs = answers.map((answer) => answer.event!.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_unused, index) => index + 3));
    expect((await logOf(session.id)).map((event) => event.seq)).toEqual(
      Array.from({ length: 52 }, (_unused, index) => index + 1),
    );
  });

  it('resumes after a dropped connection with exactly the missed events', async () => {
    const { session, host, guest } = await liveSession();
    await guest.act('chat:send', { text: 'before the drop' });
    guest.close();
    for (const text of ['are you there?', 'hello??', 'I am waiting']) {
      await host.act('chat:send', { text });
    }
    await host.act('note:add', { text: 'candidate dropped' });

    const back = await connect({ token: session.candidateToken });
    // A client keeps what it had; here the new socket starts from the old client's events.
    const old = guest.ordered();
    back.events.clear();
    old.forEach((event) => back.events.set(event.seq, event));
    const answer = await back.emit('sync', { afterSeq: old.at(-1)!.seq });
    expect(answer.events!.map((event) => event.payload.text)).toEqual([
      'are you there?',
      'hello??',
      'I am waiting',
    ]);
    expect(answer.lastSeq).toBe(6);
    const seqs = [...old, ...answer.events!].map((event) => event.seq);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('ends a session when its time limit passes, with a system event', async () => {
    const { session, host, guest } = await liveSession();
    await testApp.app
      .get(DataSource)
      .query(`UPDATE roleplay_sessions SET ends_at = clock_timestamp() WHERE id = $1`, [
        session.id,
      ]);
    const ended = await guest.next('session.ended');
    expect(ended).toMatchObject({ actor: 'system', payload: { endedBy: 'time-limit' } });
    await host.next('session.ended');
    expect(await host.act('chat:send', { text: 'too late' })).toMatchObject({
      ok: false,
      error: { code: 'session-ended' },
    });
    expect((await logOf(session.id)).filter((e) => e.type === 'session.ended')).toHaveLength(1);
  });

  describe('bad input gets the right error and changes nothing', () => {
    it.each([
      [
        'a wrong type',
        'chat:send',
        { clientId: randomUUID(), text: 42 },
        'text',
        'text must be text',
      ],
      ['a missing field', 'chat:send', { clientId: randomUUID() }, 'text', 'text must be text'],
      ['no clientId', 'chat:send', { text: 'hi' }, 'clientId', undefined],
      [
        'text over 4,000 characters',
        'chat:send',
        { clientId: randomUUID(), text: 'x'.repeat(4001) },
        'text',
        'text must be at most 4000 characters long',
      ],
      [
        'blank text',
        'chat:send',
        { clientId: randomUUID(), text: '   ' },
        'text',
        'text must not be empty',
      ],
      [
        'an unknown field',
        'chat:send',
        { clientId: randomUUID(), text: 'hi', admin: true },
        'admin',
        'admin is not a field of this event',
      ],
      [
        'anger out of range',
        'anger:set',
        { clientId: randomUUID(), level: 11 },
        'level',
        undefined,
      ],
      [
        'an unknown checkpoint',
        'checkpoint:hit',
        { clientId: randomUUID(), checkpointId: 'nope' },
        'checkpointId',
        'checkpointId must be a checkpoint of this scenario',
      ],
      ['a bad afterSeq', 'sync', { afterSeq: -1 }, 'afterSeq', undefined],
      ['an afterSeq out of range', 'sync', { afterSeq: 2 ** 40 }, 'afterSeq', undefined],
      [
        'no payload at all',
        'note:add',
        undefined,
        undefined,
        'The payload must be an object: see docs/protocol.md.',
      ],
      [
        'a payload that is not an object',
        'note:add',
        'hello',
        undefined,
        'The payload must be an object: see docs/protocol.md.',
      ],
    ])('%s', async (_what, event, payload, field, message) => {
      const { session, host } = await liveSession();
      const before = await logOf(session.id);
      const answer = await host.emit(event, payload);
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(answer.error!.field).toBe(field);
      if (message) expect(answer.error!.message).toBe(message);
      expect(await logOf(session.id)).toEqual(before);
    });

    it('answers an unknown event instead of leaving the client waiting', async () => {
      const { host } = await liveSession();
      expect(await host.emit('chat:delete', { seq: 1 })).toEqual({
        ok: false,
        error: {
          code: 'unknown-event',
          message: 'There is no event "chat:delete": see docs/protocol.md.',
        },
      });
    });

    it('closes a connection that sends more than the message size limit', async () => {
      const { session, guest } = await liveSession();
      const before = await logOf(session.id);
      const closed = new Promise((resolve) => guest.socket.on('disconnect', resolve));
      guest.socket.emit('chat:send', { clientId: randomUUID(), text: 'x'.repeat(200_000) });
      await closed;
      expect(await logOf(session.id)).toEqual(before);
    });

    it('keeps a candidate to their own session and refuses other sessions and strangers', async () => {
      const mine = await scheduleSession();
      const other = await scheduleSession();
      // A candidate link names its session: asking for another one changes nothing.
      const guest = await connect({ token: mine.candidateToken, sessionId: other.id });
      expect(await guest.emit('sync', { afterSeq: 0 })).toMatchObject({ ok: true, events: [] });
      await connect({ token: interviewer.token, sessionId: other.id }).then((host) =>
        host.act('session:start'),
      );
      expect(guest.events.size).toBe(0);
      expect((await logOf(mine.id)).length).toBe(0);

      await expect(connect({ token: otherInterviewer.token, sessionId: mine.id })).rejects.toThrow(
        'There is no role-play with this id that you may join.',
      );
      await expect(connect({ token: interviewer.token })).rejects.toThrow(
        'Send the id of the role-play to join as auth.sessionId.',
      );
      const foreign = RoleplayClient.connect(
        testApp.url,
        { token: mine.candidateToken },
        { extraHeaders: { origin: 'https://evil.example' } },
      );
      // A candidate is told in plain words; docs/protocol.md has the staff wording.
      await expect(foreign).rejects.toThrow('Open the link exactly as you received it.');
      await expect(connect({ token: 'hsl_not-a-real-token' })).rejects.toThrow(
        LINK_NO_LONGER_VALID,
      );
    });

    it('closes a candidate connection when its link expires, and refuses the link from then on', async () => {
      const session = await scheduleSession();
      const links = testApp.app.get(CapabilityLinksService);
      const { token, link } = await links.issue({
        scope: 'candidate',
        subjectId: session.id,
        expiresAt: new Date(Date.now() + 1000),
        createdById: null,
      });
      const { expiresAt } = (await links.lifetimes([link.id])).get(link.id)!;
      const guest = await connect({ token });
      const closed = new Promise<string>((resolve) => guest.socket.on('disconnect', resolve));
      expect(await guest.emit('sync', { afterSeq: 0 })).toMatchObject({ ok: true });
      // The server closes the connection at the stored expiry; from that instant the link is dead.
      expect(await closed).toBe('io server disconnect');
      await untilPast(expiresAt);
      await expect(connect({ token })).rejects.toThrow(LINK_NO_LONGER_VALID);
    });

    it('limits how fast one connection may send', async () => {
      const { host } = await liveSession();
      const answers = await Promise.all(
        Array.from({ length: 60 }, () => host.emit('typing', { typing: true })),
      );
      const limited = answers.filter((answer) => answer.error?.code === 'rate-limited');
      expect(limited.length).toBeGreaterThan(0);
      expect(answers.filter((answer) => answer.ok).length).toBeLessThanOrEqual(40);
    });
  });
});
