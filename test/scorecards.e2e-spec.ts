import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { WireEvent as SessionEvent } from './support/roleplay-client';
import { completeRating, signedInStaff, type TestStaff } from './support/factories';
import { RoleplayClient, type Ack } from './support/roleplay-client';
import { untilDatabaseClock } from './support/clock';
import { createTestDatabase, databaseKind, type TestDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';

const SCENARIO = 'charged-ten-times';

describe(`metrics, ratings, shadowing and scorecards (${databaseKind} database)`, () => {
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

  const api = (token: string) => {
    const call = (method: 'get' | 'post' | 'put' | 'patch', path: string) =>
      request(testApp.url)[method](path).auth(token, { type: 'bearer' });
    return {
      get: (path: string) => call('get', path),
      post: (path: string) => call('post', path),
      put: (path: string) => call('put', path),
      patch: (path: string) => call('patch', path),
    };
  };

  async function createCandidate(
    by: { token: string },
    name = 'Ada Lovelace',
    openingId?: string,
  ): Promise<string> {
    const response = await api(by.token)
      .post('/api/candidates')
      .send({ name, email: `${name.split(' ')[0].toLowerCase()}@example.com`, openingId })
      .expect(201);
    return (response.body as { id: string }).id;
  }

  async function schedule(
    by: { token: string },
    candidateId: string,
    scenarioId = SCENARIO,
    interviewerId?: string,
  ) {
    const response = await api(by.token)
      .post('/api/sessions')
      .send({ candidateId, scenarioId, interviewerId })
      .expect(201);
    return response.body as { id: string; candidateToken: string };
  }

  async function connect(auth: { token: string; sessionId?: string }) {
    const client = await RoleplayClient.connect(testApp.url, auth);
    clients.push(client);
    return client;
  }

  /**
   * Runs a session over the real sockets: `script` acts as both sides, `started` is the logged
   * session.started; `end` ends it afterwards.
   */
  async function play(
    session: { id: string; candidateToken: string },
    host: { token: string },
    script: (sides: {
      host: RoleplayClient;
      guest: RoleplayClient;
      started: SessionEvent;
    }) => Promise<unknown>,
    end = true,
  ) {
    const sides = {
      host: await connect({ token: host.token, sessionId: session.id }),
      guest: await connect({ token: session.candidateToken }),
    };
    const started = await sides.host.act('session:start');
    expect(started).toMatchObject({ ok: true });
    await script({ ...sides, started: started.event! });
    if (end) expect(await sides.host.act('session:end')).toMatchObject({ ok: true });
  }

  /** The acknowledgement, once the test has checked that the action was taken. */
  const ok = async (pending: Promise<Ack>) => {
    const ack = await pending;
    expect(ack).toMatchObject({ ok: true });
    return ack;
  };

  /** Until the log's clock is `ms` past `event`: whatever is logged next is at least that much later. */
  const logClockPast = (event: { at: string }, ms: number) =>
    untilDatabaseClock(testApp.app.get(DataSource), Date.parse(event.at) + ms);

  describe('figures', () => {
    describe('of a whole role-play', () => {
      let candidateId: string;
      let session: { id: string; candidateToken: string };
      let events: SessionEvent[];
      let live: request.Response;
      /** session_figures as it was when the ending had just been acknowledged. */
      let storedAtEnd: Array<{ figures: unknown }>;

      const stored = () =>
        testApp.app
          .get(DataSource)
          .query<Array<{ figures: unknown }>>(
            `SELECT figures FROM session_figures WHERE session_id = $1`,
            [session.id],
          );

      beforeAll(async () => {
        candidateId = await createCandidate(interviewer);
        session = await schedule(interviewer, candidateId);
        // The gaps make every figure a different, known span of the log's clock.
        await play(session, interviewer, async ({ host, guest, started }) => {
          await logClockPast(started, 30);
          await ok(
            guest.act('chat:send', { text: 'Hi Dana, I am so sorry about this. Let me look.' }),
          );
          const angry = await ok(host.act('anger:set', { level: 9 }));
          await logClockPast(angry.event!, 20);
          await ok(host.act('chat:send', { text: 'Hurry up!' }));
          await ok(guest.act('help:search', { query: 'duplicate charge' }));
          const opened = await ok(
            guest.act('help:open', { articleId: 'duplicate-charges-incident' }),
          );
          await logClockPast(opened.event!, 40);
          await ok(guest.act('help:close', { articleId: 'duplicate-charges-incident' }));
          const hit = await ok(host.act('checkpoint:hit', { checkpointId: 'acknowledge' }));
          await logClockPast(hit.event!, 20);
          await ok(guest.act('chat:send', { text: 'I have refunded the nine duplicate charges.' }));
          await ok(host.act('anger:set', { level: 3 }));
          const when = await ok(host.act('chat:send', { text: 'Fine. When?' }));
          await logClockPast(when.event!, 60);
          await ok(guest.act('chat:send', { text: 'Within five days.' }));
          await ok(host.act('session:solve'));
        });
        // Figures are stored before session:end is acknowledged (EventLog tells its subscribers,
        // SessionFiguresService among them, before the append returns): no wait for them.
        storedAtEnd = await stored();
        events = (
          await api(interviewer.token).get(`/api/sessions/${session.id}/events`).expect(200)
        ).body as SessionEvent[];
        live = await api(interviewer.token).get(`/api/sessions/${session.id}/metrics`).expect(200);
      });

      const at = (event: SessionEvent | undefined) => new Date(event!.at).getTime();
      const find = (type: string, where: (e: SessionEvent) => boolean = () => true) =>
        events.find((e) => e.type === type && where(e));

      it('match the definitions, to the millisecond of the logged timestamps', () => {
        const t0 = at(find('session.started'));
        const chat = (actor: string) =>
          events.filter((e) => e.type === 'chat.message' && e.actor === actor);
        const [opening, hurry, when] = chat('customer');
        const [reply1, reply2, reply3] = chat('candidate');
        const delays = [at(reply1) - at(opening), at(reply2) - at(hurry), at(reply3) - at(when)];
        const peak = find('anger.changed', (e) => e.payload.level === 9);
        const calm = find('anger.changed', (e) => e.payload.level === 3);
        expect(live.body.figures).toMatchObject({
          t0: find('session.started')!.at,
          timeToSolutionMs: at(find('session.solved')) - t0,
          durationMs: at(find('session.ended')) - t0,
          firstResponseMs: at(reply1) - t0,
          medianResponseMs: delays.sort((a, b) => a - b)[1],
          helpCenter: {
            searches: 1,
            articlesOpened: 1,
            uniqueArticles: 1,
            timeInArticlesMs: at(find('help.closed')) - at(find('help.opened')),
            openedSolutionArticle: true,
            usage: 'relied',
          },
          deEscalation: {
            initialAnger: 8,
            peakAnger: 9,
            finalAnger: 3,
            timeToCalmMs: at(calm) - at(peak),
            timeline: [
              { atMs: 0, level: 8 },
              { atMs: at(peak) - t0, level: 9 },
              { atMs: at(calm) - t0, level: 3 },
            ],
          },
          checkpoints: {
            hit: [{ id: 'acknowledge', atMs: at(find('checkpoint.hit')) - t0 }],
          },
        });
      });

      it('count the time in articles, the checkpoints missed and the signals, and say what each means', () => {
        const figures = live.body.figures;
        expect(figures.helpCenter.timeInArticlesMs).toBeGreaterThanOrEqual(40);
        expect(figures.checkpoints.missed.map((c: { id: string }) => c.id)).toEqual([
          'find-duplicates',
          'refund-nine',
          'set-timing',
          'confirm-in-writing',
          'cover-bank-fee',
        ]);
        expect(figures.deEscalation.signals.apology).toBeGreaterThanOrEqual(1);
        expect(live.body.definitions.timeToSolutionMs).toMatch(/solved/);
      });

      it('are stored by the time the ending is acknowledged, and the scorecard serves them', async () => {
        const figures = live.body.figures;
        expect(storedAtEnd).toHaveLength(1);
        expect(storedAtEnd[0].figures).toEqual(figures);
        expect((await stored())[0].figures).toEqual(figures);
        const card = await api(manager.token)
          .get(`/api/candidates/${candidateId}/scorecard`)
          .expect(200);
        expect(card.body.sessions[0].figures).toEqual(figures);
        expect(card.body.sessions[0].ranked.raw.timeToSolutionMs).toBe(figures.timeToSolutionMs);
      });
    });

    it('are figures so far while the session is live, and empty before it starts', async () => {
      const session = await schedule(interviewer, await createCandidate(interviewer));
      const before = await api(interviewer.token)
        .get(`/api/sessions/${session.id}/metrics`)
        .expect(200);
      expect(before.body).toMatchObject({ status: 'scheduled', figures: { t0: null } });
      await play(
        session,
        interviewer,
        ({ guest }) => ok(guest.act('chat:send', { text: 'Hello' })),
        false,
      );
      const live = await api(interviewer.token)
        .get(`/api/sessions/${session.id}/metrics`)
        .expect(200);
      expect(live.body).toMatchObject({
        status: 'live',
        figures: { durationMs: null, candidateMessages: 1 },
      });
    });
  });

  describe('interviewer ratings', () => {
    it('are drafts until submitted, complete when submitted, then final', async () => {
      const session = await schedule(interviewer, await createCandidate(interviewer));
      const rate = (body: object) =>
        api(interviewer.token).post(`/api/sessions/${session.id}/ratings`).send(body);

      const early = await rate({ csat: 4 }).expect(409);
      expect(early.body.message).toMatch(/not started/);
      await play(session, interviewer, () => Promise.resolve(), false);

      const draft = await rate({ csat: 4, attributes: [{ id: 'clarity', score: 2 }] }).expect(200);
      expect(draft.body).toMatchObject({
        csat: 4,
        submittedAt: null,
        attributes: [{ id: 'clarity', score: 2, scoreLabel: 'no' }],
      });
      // Fields left out keep their draft value.
      expect((await rate({ recommendation: 'no' }).expect(200)).body).toMatchObject({
        csat: 4,
        recommendation: 'no',
      });

      const live = await rate(completeRating()).expect(409);
      expect(live.body.message).toMatch(/once the role-play has ended/);
      const host = clients.at(-2)!;
      await ok(host.act('session:end'));

      const incomplete = await rate({
        submit: true,
        attributes: [{ id: 'clarity', score: 4 }],
      }).expect(400);
      expect(incomplete.body.message).toBe(
        'To submit, every part needs an answer; still missing: attributes: de-escalation; attributes: problem-solving; attributes: rapport; productTeam. Nothing was changed.',
      );
      const mine = await api(interviewer.token)
        .get(`/api/sessions/${session.id}/ratings`)
        .expect(200);
      expect(mine.body).toMatchObject([
        { attributes: [{ id: 'clarity', score: 2 }], submittedAt: null },
      ]);

      const submitted = await rate(completeRating(4)).expect(200);
      expect(submitted.body).toMatchObject({
        rubricMean: 4,
        csat: 5,
        recommendation: 'yes',
        productTeam: { score: 4 },
      });
      expect(submitted.body.submittedAt).not.toBeNull();
      const again = await rate({ csat: 1 }).expect(409);
      expect(again.body.message).toMatch(/submitted/);
    });

    it('refuse bad input with the field at fault, and anyone but the interviewer', async () => {
      const session = await schedule(interviewer, await createCandidate(interviewer));
      await play(session, interviewer, () => Promise.resolve());
      const rate = (body: object, who = interviewer) =>
        api(who.token).post(`/api/sessions/${session.id}/ratings`).send(body);
      const cases: Array<[object, string]> = [
        [{ csat: 6 }, 'csat must be a whole number from 1 to 5'],
        [
          { attributes: [{ id: 'clarity', score: 0 }] },
          'attributes.0.score must be a whole number from 1 to 4',
        ],
        [
          { productTeam: { score: 'high' } },
          'productTeam.score must be a whole number from 1 to 4',
        ],
        [
          { recommendation: 'maybe' },
          'recommendation must be one of strong-no, no, yes, strong-yes',
        ],
        [{ attributes: [{ id: 'charm', score: 3 }] }, "not in this scenario's rubric"],
        [
          {
            attributes: [
              { id: 'clarity', score: 3 },
              { id: 'clarity', score: 1 },
            ],
          },
          'rated twice',
        ],
        [{ verdict: 'hire' }, 'property verdict should not exist'],
      ];
      for (const [body, message] of cases) {
        const response = await rate(body).expect(400);
        expect(JSON.stringify(response.body.message)).toContain(message);
      }
      expect(
        (await api(interviewer.token).get(`/api/sessions/${session.id}/ratings`).expect(200)).body,
      ).toEqual([]);
      expect((await rate({ csat: 3 }, manager).expect(403)).body.message).toMatch(
        /Only the interviewer/,
      );
      await rate({ csat: 3 }, otherInterviewer).expect(404);
    });

    it('of other interviewers stay hidden until an interviewer submits their own', async () => {
      const candidateId = await createCandidate(manager, 'Grace Hopper');
      const forSomeoneElse = await api(interviewer.token)
        .post('/api/sessions')
        .send({
          candidateId: await createCandidate(interviewer),
          scenarioId: SCENARIO,
          interviewerId: otherInterviewer.id,
        })
        .expect(403);
      expect(forSomeoneElse.body.message).toMatch(/Only hiring managers and admins/);
      const nobody = await api(manager.token)
        .post('/api/sessions')
        .send({ candidateId, scenarioId: SCENARIO, interviewerId: candidateId })
        .expect(400);
      expect(nobody.body.message).toMatch(/interviewerId: there is no active staff member/);
      const first = await schedule(manager, candidateId, SCENARIO, interviewer.id);
      const second = await schedule(manager, candidateId, SCENARIO, otherInterviewer.id);
      await play(first, interviewer, () => Promise.resolve());
      await play(second, otherInterviewer, () => Promise.resolve());
      const scorecard = (who: { token: string }) =>
        api(who.token).get(`/api/candidates/${candidateId}/scorecard`);

      const users = testApp.app.get(DataSource);
      await users.query(`UPDATE users SET name = 'Ivy' WHERE id = $1`, [interviewer.id]);
      await users.query(`UPDATE users SET name = 'Otto' WHERE id = $1`, [otherInterviewer.id]);
      await api(interviewer.token)
        .post(`/api/sessions/${first.id}/ratings`)
        .send(completeRating(1))
        .expect(200);
      // The second interviewer has a draft, not a submission: no scorecard, no view of the first's rating.
      await api(otherInterviewer.token)
        .post(`/api/sessions/${second.id}/ratings`)
        .send({ csat: 5 })
        .expect(200);
      const refused = await scorecard(otherInterviewer).expect(403);
      expect(refused.body.message).toMatch(/Submit your own rating/);
      await api(otherInterviewer.token).get(`/api/sessions/${first.id}/ratings`).expect(404);
      // Managers see submitted ratings only, never a draft.
      expect(
        (await api(manager.token).get(`/api/sessions/${second.id}/ratings`).expect(200)).body,
      ).toEqual([]);
      expect((await scorecard(manager).expect(200)).body.ratings).toHaveLength(1);

      await api(otherInterviewer.token)
        .post(`/api/sessions/${second.id}/ratings`)
        .send(completeRating(3))
        .expect(200);
      const card = (await scorecard(otherInterviewer).expect(200)).body;
      expect(card.ratings.map((r: { rater: { id: string } }) => r.rater.id).sort()).toEqual(
        [interviewer.id, otherInterviewer.id].sort(),
      );
      // 1 against 3 on every attribute: the raters disagree by two points.
      expect(card.disagreements.map((d: { attribute: string }) => d.attribute)).toEqual(
        expect.arrayContaining([
          'rubric:de-escalation',
          'rubric:problem-solving',
          'rubric:clarity',
          'rubric:rapport',
          'csat',
          'productTeam',
        ]),
      );
      expect(
        card.disagreements.find((d: { attribute: string }) => d.attribute === 'rubric:clarity'),
      ).toMatchObject({
        spread: 2,
        scores: [
          { rater: 'Ivy', score: 1 },
          { rater: 'Otto', score: 3 },
        ],
      });
    });
  });

  describe('shadowing feedback', () => {
    async function shadowLink(hostName = 'Sam Rivera') {
      const candidateId = await createCandidate(interviewer, 'Alan Turing');
      const link = await api(interviewer.token)
        .post(`/api/candidates/${candidateId}/shadow-links`)
        .send({ hostName })
        .expect(201);
      return { candidateId, ...(link.body as { url: string; token: string; expiresAt: string }) };
    }

    const answers = (learning: number, understanding = 3, engagement = 3) => ({
      learning: { score: learning, notes: 'Asked how refunds flow' },
      understanding: { score: understanding },
      engagement: { score: engagement, notes: 'Took notes all day' },
    });

    it('is given once per link without an account, and may be changed until the link expires', async () => {
      const link = await shadowLink();
      expect(link.url).toMatch(new RegExp(`/shadow/${link.token}$`));
      const host = api(link.token);
      const form = await host.get('/api/shadow-feedback').expect(200);
      expect(form.body).toMatchObject({
        candidate: { name: 'Alan Turing' },
        feedback: { hostName: 'Sam Rivera', learning: null, submittedAt: null },
        questions: { learning: 'Interest in learning the product' },
      });

      const saved = await host.put('/api/shadow-feedback').send(answers(2)).expect(200);
      expect(saved.body).toMatchObject({
        learning: { score: 2, notes: 'Asked how refunds flow' },
        understanding: { score: 3, notes: '' },
      });
      await host.put('/api/shadow-feedback').send(answers(4)).expect(200);

      const card = (
        await api(interviewer.token)
          .get(`/api/candidates/${link.candidateId}/scorecard`)
          .expect(403)
      ).body;
      expect(card.message).toMatch(/Submit your own rating/);
      const shadowing = (
        await api(manager.token).get(`/api/candidates/${link.candidateId}/scorecard`).expect(200)
      ).body.shadowing;
      expect(shadowing).toHaveLength(1);
      expect(shadowing[0]).toMatchObject({
        hostName: 'Sam Rivera',
        learning: { score: 4 },
        submittedAt: saved.body.submittedAt,
      });

      await testApp.app
        .get(DataSource)
        .query(
          `UPDATE capability_links SET expires_at = now() - interval '1 second' WHERE scope = 'shadow' AND subject_id = $1`,
          [link.candidateId],
        );
      const expired = await host.put('/api/shadow-feedback').send(answers(1)).expect(401);
      expect(expired.body.message).toMatch(/no longer valid/);
    });

    it('refuses bad answers with the field at fault and changes nothing', async () => {
      const link = await shadowLink();
      const host = api(link.token);
      const cases: Array<[object, string]> = [
        [
          { ...answers(3), learning: { score: 5 } },
          'learning.score must be a whole number from 1 to 4',
        ],
        [{ learning: { score: 3 }, understanding: { score: 3 } }, 'engagement is needed'],
        [
          { ...answers(3), engagement: { score: 3, notes: 'x'.repeat(4001) } },
          'engagement.notes must be at most 4000 characters long',
        ],
      ];
      for (const [body, message] of cases) {
        const response = await host.put('/api/shadow-feedback').send(body).expect(400);
        expect(JSON.stringify(response.body.message)).toContain(message);
      }
      expect(
        (await host.get('/api/shadow-feedback').expect(200)).body.feedback.submittedAt,
      ).toBeNull();
      const noName = await api(interviewer.token)
        .post(`/api/candidates/${link.candidateId}/shadow-links`)
        .send({ hostName: '  ' })
        .expect(400);
      expect(noName.body.message).toContain('hostName must be 1 to 100 characters long');
      // A candidate's link opens no feedback form.
      const session = await schedule(interviewer, link.candidateId);
      await api(session.candidateToken).get('/api/shadow-feedback').expect(403);
    });
  });

  describe('openings, scorecards and the comparison', () => {
    it("keep candidates to the opening's scenarios and weigh the score with its weights", async () => {
      const bad = await api(manager.token)
        .post('/api/openings')
        .send({ title: 'Support', scenarioIds: ['no-such'] })
        .expect(400);
      expect(bad.body.message).toMatch(/scenarioIds: there is no valid scenario "no-such"/);
      const zero = { rubric: 0, csat: 0, productTeam: 0, shadowing: 0, roleplay: 0 };
      await api(manager.token)
        .post('/api/openings')
        .send({ title: 'Support', scenarioIds: [SCENARIO], weights: zero })
        .expect(400);
      const notAnObject = await api(manager.token)
        .post('/api/openings')
        .send({ title: 'Support', scenarioIds: [SCENARIO], weights: [] })
        .expect(400);
      expect(JSON.stringify(notAnObject.body.message)).toContain('weights must be {');
      const opening = (
        await api(manager.token)
          .post('/api/openings')
          .send({ title: 'Support', scenarioIds: [SCENARIO], weights: { ...zero, csat: 1 } })
          .expect(201)
      ).body;
      expect(opening).toMatchObject({ defaultWeights: false, scenarios: [{ id: SCENARIO }] });

      const candidateId = await createCandidate(interviewer, 'Edsger Dijkstra', opening.id);
      const wrong = await api(interviewer.token)
        .post('/api/sessions')
        .send({ candidateId, scenarioId: 'charged-after-cancelling' })
        .expect(400);
      expect(wrong.body.message).toMatch(/scenarioId: "Support" runs "charged-ten-times"/);
      const session = await schedule(interviewer, candidateId);
      await play(session, interviewer, () => Promise.resolve());
      await api(interviewer.token)
        .post(`/api/sessions/${session.id}/ratings`)
        .send(completeRating(2))
        .expect(200);
      // The same interviewer rates a second role-play 2 points higher: one rater, no disagreement.
      const again = await schedule(interviewer, candidateId);
      await play(again, interviewer, () => Promise.resolve());
      await api(interviewer.token)
        .post(`/api/sessions/${again.id}/ratings`)
        .send(completeRating(4))
        .expect(200);

      const card = (
        await api(interviewer.token).get(`/api/candidates/${candidateId}/scorecard`).expect(200)
      ).body;
      // Only csat weighs: csat 3 and 5 -> mean 4 -> (4 - 1) / 4 * 100 = 75.
      expect(card.overall).toMatchObject({ score: 75, formula: '(1 × csat 75.0) / 1 = 75.0' });
      expect(card.disagreements).toEqual([]);
      expect(card.candidate.opening).toEqual({ id: opening.id, title: 'Support' });
    });

    describe('of three candidates of one scenario', () => {
      const scenario = 'charged-after-cancelling';
      const names = ['Fast Solver', 'Slow Solver', '=Never Solver'];
      const ids: string[] = [];
      let opening: { id: string };
      type Value = { raw: number | null; percentile: number | null; best: boolean };
      type Row = { key: string; better: string | null; values: Value[] };
      let comparison: { candidates: Array<{ name: string }>; rows: Row[]; [key: string]: unknown };
      const row = (key: string) => comparison.rows.find((r) => r.key === key)!;

      beforeAll(async () => {
        opening = (
          await api(manager.token)
            .post('/api/openings')
            .send({ title: 'Tier 1', scenarioIds: [scenario] })
            .expect(201)
        ).body;
        let fastSolverMs = 0;
        for (const [index, name] of names.entries()) {
          const candidateId = await createCandidate(manager, name, opening.id);
          ids.push(candidateId);
          const session = await schedule(manager, candidateId, scenario, interviewer.id);
          await play(session, interviewer, async ({ host, guest, started }) => {
            await ok(guest.act('chat:send', { text: 'Hello, I can help with that.' }));
            if (index === 2) return;
            // The slow solver takes 300 ms of the log's clock longer than the fast one did.
            if (index === 1) await logClockPast(started, fastSolverMs + 300);
            const solved = await ok(host.act('session:solve'));
            if (index === 0) fastSolverMs = Date.parse(solved.event!.at) - Date.parse(started.at);
          });
        }
        // Two shadow hosts disagree about the fast solver's interest in learning.
        for (const score of [1, 3]) {
          const link = await api(manager.token)
            .post(`/api/candidates/${ids[0]}/shadow-links`)
            .send({ hostName: `Host ${score}` })
            .expect(201);
          await api(link.body.token)
            .put('/api/shadow-feedback')
            .send({ learning: { score }, understanding: { score: 3 }, engagement: { score: 3 } })
            .expect(200);
        }
        comparison = (
          await api(manager.token)
            .get(`/api/scorecards/compare?candidates=${ids.join(',')}`)
            .expect(200)
        ).body;
      });

      it('ranks them by percentile among sessions of the scenario and marks the best', () => {
        expect(comparison.candidates.map((c) => c.name)).toEqual(names);
        expect(comparison.percentileBase).toEqual({ [scenario]: 3 });
        // Worst first: never solved (0: an empty value beats nobody), slow (2 of 3), fast (3 of 3).
        expect(row('timeToSolutionMs').values.map((v) => [v.percentile, v.best])).toEqual([
          [100, true],
          [66.7, false],
          [0, false],
        ]);
        expect(row('timeToSolutionMs').values[2]).toMatchObject({
          raw: null,
          missing: 1,
          best: false,
        });
        expect(row('timeToSolutionMs').values[1].raw).toBeGreaterThan(
          row('timeToSolutionMs').values[0].raw! + 250,
        );
        expect(row('shadowing').values.map((v) => v.raw)).toEqual([2.7, null, null]);
        expect(row('cannedAnswers')).toMatchObject({
          better: null,
          values: [{ best: false }, { best: false }, { best: false }],
        });
        expect(comparison.disagreements).toEqual([
          expect.objectContaining({ candidate: ids[0], attribute: 'shadow:learning', spread: 2 }),
        ]);
      });

      it('names no one when blind', async () => {
        const blind = (
          await api(manager.token)
            .get(`/api/scorecards/compare?candidates=${ids.join(',')}&blind=true`)
            .expect(200)
        ).body;
        const blindText = JSON.stringify(blind);
        for (const secret of [...names.map((n) => n.replace('=', '')), ...ids, 'example.com']) {
          expect(blindText).not.toContain(secret);
        }
        expect(blind.candidates.map((c: { ref: string }) => c.ref).sort()).toEqual([
          'Candidate 1',
          'Candidate 2',
          'Candidate 3',
        ]);
      });

      it('exports the comparison as CSV, a formula-looking name defused', async () => {
        const csv = await api(manager.token)
          .get(`/api/scorecards/compare?candidates=${ids.join(',')}&format=csv`)
          .expect(200);
        expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(csv.headers['content-disposition']).toBe('attachment; filename="comparison.csv"');
        const rows = parse<Record<string, string>>(csv.text, { columns: true, bom: true });
        expect(rows.map((r) => r.Candidate)).toEqual([
          'Fast Solver',
          'Slow Solver',
          "'=Never Solver",
        ]);
        expect(rows.map((r) => r['Time to solution (ms) percentile'])).toEqual([
          '100',
          '66.7',
          '0',
        ]);
        expect(Number(rows[1]['Time to solution (ms)'])).toBe(
          row('timeToSolutionMs').values[1].raw,
        );
        expect(rows[0]['Best at']).toContain('Time to solution (ms)');
        expect(rows[0].Disagreements).toBe('Interest in learning the product: Host 1 1, Host 3 3');
      });

      it("exports the opening's sessions as CSV, blind too", async () => {
        const sessions = await api(manager.token)
          .get(`/api/sessions.csv?openingId=${opening.id}`)
          .expect(200);
        const perSession = parse<Record<string, string>>(sessions.text, {
          columns: true,
          bom: true,
        });
        expect(perSession).toHaveLength(3);
        expect(
          perSession.map((r) => [r.Candidate, r.Status, r['Time to solution (ms) percentile']]),
        ).toEqual([
          ['Fast Solver', 'ended', '100'],
          ['Slow Solver', 'ended', '66.7'],
          ["'=Never Solver", 'ended', '0'],
        ]);
        const blindSessions = await api(manager.token)
          .get(`/api/sessions.csv?openingId=${opening.id}&blind=true`)
          .expect(200);
        const blindRows = parse<Record<string, string>>(blindSessions.text, {
          columns: true,
          bom: true,
        });
        expect(blindRows.map((r) => r.Session).sort()).toEqual(['1.1', '2.1', '3.1']);
        for (const secret of [
          'Solver',
          'example.com',
          ...ids,
          ...perSession.map((r) => r.Session),
        ]) {
          expect(blindSessions.text).not.toContain(secret);
        }
      });
    });

    it('refuses bad comparison queries with the field at fault', async () => {
      const cases: Array<[string, number, string]> = [
        ['candidates=', 400, 'candidates must be candidate ids separated by commas'],
        ['candidates=not-an-id', 400, 'candidates must be candidate ids separated by commas'],
        [
          `candidates=${'7b0c5a8e-0000-4000-8000-000000000000'}&format=xlsx`,
          400,
          'format must be json or csv',
        ],
        [
          `candidates=${'7b0c5a8e-0000-4000-8000-000000000000'}&blind=maybe`,
          400,
          'blind must be true or false',
        ],
        [
          `candidates=${'7b0c5a8e-0000-4000-8000-000000000000'}`,
          404,
          'There is no candidate with the id 7b0c5a8e-0000-4000-8000-000000000000.',
        ],
      ];
      for (const [query, status, message] of cases) {
        const response = await api(manager.token)
          .get(`/api/scorecards/compare?${query}`)
          .expect(status);
        expect(JSON.stringify(response.body.message)).toContain(message);
      }
      await api(manager.token).get('/api/sessions.csv').expect(400);
    });
  });
});
