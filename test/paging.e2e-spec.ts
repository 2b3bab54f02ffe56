import request from 'supertest';
import { DataSource } from 'typeorm';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@hotseat/validation';
import { signedInStaff, type TestStaff } from './support/factories';
import { createTestDatabase, databaseKind, type TestDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';

const SCENARIO = 'charged-ten-times';
/** Rows made in one statement: they share created_at, so only the id orders them. */
const BULK_MINE = 110;
const BULK_THEIRS = 400;

/**
 * Lists answer a page at a time (docs/protocol.md): at most `limit` rows, newest first, and while
 * there is more a `Link: <...>; rel="next"` to follow as it is. Who sees which rows is decided in the
 * query, so an interviewer's pages are full pages of their own rows.
 */
describe(`paging of sessions and candidates (${databaseKind} database)`, () => {
  let database: TestDatabase;
  let testApp: TestApp;
  let interviewer: TestStaff & { token: string };
  let otherInterviewer: TestStaff & { token: string };
  let manager: TestStaff & { token: string };
  /** Ids of the rows each interviewer may see, and of all of them. */
  const sessions = { mine: [] as string[], theirs: [] as string[], cancelled: [] as string[] };
  const candidates = { mine: [] as string[], theirs: [] as string[] };

  const post = (by: { token: string }, path: string, body: object) =>
    request(testApp.url).post(path).auth(by.token, { type: 'bearer' }).send(body);
  const get = (by: { token: string }, path: string) =>
    request(testApp.url).get(path).auth(by.token, { type: 'bearer' });

  /** A candidate of `by`'s and a session of theirs (or of `interviewerId`'s), over HTTP. */
  async function schedule(by: { token: string }, interviewerId?: string) {
    const candidate = await post(by, '/api/candidates', {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
    }).expect(201);
    const session = await post(by, '/api/sessions', {
      candidateId: candidate.body.id,
      scenarioId: SCENARIO,
      interviewerId,
    }).expect(201);
    return { candidateId: candidate.body.id as string, sessionId: session.body.id as string };
  }

  /** `count` candidates and sessions of `staff`'s in two statements, all created at one instant. */
  async function bulk(staff: { id: string }, count: number, like: string) {
    const db = testApp.app.get(DataSource);
    const made = await db.query<Array<{ id: string }>>(
      `INSERT INTO candidates (name, email, created_by_id)
       SELECT 'Bulk ' || n, 'bulk' || n || '@example.com', $1 FROM generate_series(1, $2) n
       RETURNING id`,
      [staff.id, count],
    );
    const scheduled = await db.query<Array<{ id: string }>>(
      `INSERT INTO roleplay_sessions (candidate_id, scenario_id, scenario_version_id, interviewer_id)
       SELECT c.id, s.scenario_id, s.scenario_version_id, $1
       FROM unnest($2::uuid[]) AS c(id), roleplay_sessions s WHERE s.id = $3
       RETURNING id`,
      [staff.id, made.map((row) => row.id), like],
    );
    return { candidateIds: made.map((row) => row.id), sessionIds: scheduled.map((row) => row.id) };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp(database.environment);
    interviewer = await signedInStaff(testApp.app, 'interviewer');
    otherInterviewer = await signedInStaff(testApp.app, 'interviewer');
    manager = await signedInStaff(testApp.app, 'manager');

    // Theirs first, then mine and theirs in turn, so that their rows sit between mine.
    const first = await schedule(otherInterviewer);
    sessions.theirs.push(first.sessionId);
    candidates.theirs.push(first.candidateId);
    const theirBulk = await bulk(otherInterviewer, BULK_THEIRS, first.sessionId);
    sessions.theirs.push(...theirBulk.sessionIds);
    candidates.theirs.push(...theirBulk.candidateIds);
    for (let round = 0; round < 6; round += 1) {
      const mine = await schedule(interviewer);
      sessions.mine.push(mine.sessionId);
      candidates.mine.push(mine.candidateId);
      const theirs = await schedule(otherInterviewer);
      sessions.theirs.push(theirs.sessionId);
      candidates.theirs.push(theirs.candidateId);
    }
    // A manager's candidate whom the interviewer interviews: theirs to see too.
    const assigned = await schedule(manager, interviewer.id);
    sessions.mine.push(assigned.sessionId);
    candidates.mine.push(assigned.candidateId);
    const myBulk = await bulk(interviewer, BULK_MINE, assigned.sessionId);
    sessions.mine.push(...myBulk.sessionIds);
    candidates.mine.push(...myBulk.candidateIds);
    const last = await schedule(otherInterviewer);
    sessions.theirs.push(last.sessionId);
    candidates.theirs.push(last.candidateId);

    for (const id of sessions.mine.slice(1, 4)) {
      await post(interviewer, `/api/sessions/${id}/cancel`, {}).expect(200);
      sessions.cancelled.push(id);
    }
  });

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

  /** These rows of `table` in the lists' order: newest first, then by id. */
  async function inListOrder(table: 'roleplay_sessions' | 'candidates', ids: string[]) {
    const rows = await testApp.app
      .get(DataSource)
      .query<Array<{ id: string }>>(
        `SELECT id FROM ${table} WHERE id = ANY($1::uuid[]) ORDER BY created_at DESC, id DESC`,
        [ids],
      );
    expect(rows).toHaveLength(ids.length);
    return rows.map((row) => row.id);
  }

  /** The address in a `Link: <...>; rel="next"` header, or undefined when there is none. */
  function nextOf(response: request.Response): string | undefined {
    const link = response.headers.link as string | undefined;
    if (link === undefined) return undefined;
    const match = /^<([^>]+)>; rel="next"$/.exec(link);
    expect(match).not.toBeNull();
    return match![1];
  }

  /** Every page from `path` on, following the Link header to the end. */
  async function walk(by: { token: string }, path: string) {
    const pages: Array<{ ids: string[]; next?: string }> = [];
    for (let next: string | undefined = path; next !== undefined;) {
      if (pages.length > 200) throw new Error(`${path} does not come to an end`);
      const response = await get(by, next).expect(200);
      next = nextOf(response);
      pages.push({ ids: (response.body as Array<{ id: string }>).map((row) => row.id), next });
    }
    return pages;
  }

  /** Checks the shape of a walk: full pages, then a last one without a Link; answers all ids. */
  function expectFullPages(pages: Array<{ ids: string[]; next?: string }>, limit: number) {
    const sizes = pages.map((page) => page.ids.length);
    expect(sizes.slice(0, -1).every((size) => size === limit)).toBe(true);
    expect(sizes.at(-1)).toBeGreaterThan(0);
    expect(sizes.at(-1)).toBeLessThanOrEqual(limit);
    expect(pages.slice(0, -1).every((page) => page.next !== undefined)).toBe(true);
    expect(pages.at(-1)!.next).toBeUndefined();
    return pages.flatMap((page) => page.ids);
  }

  describe('GET /api/sessions', () => {
    it('gives an interviewer full pages of only their own sessions, in order, with no duplicates and no gaps', async () => {
      const pages = await walk(interviewer, '/api/sessions?limit=7');
      const ids = expectFullPages(pages, 7);
      expect(pages).toHaveLength(Math.ceil(sessions.mine.length / 7));
      expect(ids).toEqual(await inListOrder('roleplay_sessions', sessions.mine));
      expect(pages[0].next).toMatch(/^\/api\/sessions\?limit=7&cursor=[A-Za-z0-9_-]+$/);
    });

    it('gives a manager every session, at most 500 a page', async () => {
      const all = [...sessions.mine, ...sessions.theirs];
      const pages = await walk(manager, `/api/sessions?limit=${MAX_PAGE_SIZE}`);
      expect(pages.map((page) => page.ids.length)).toEqual([
        MAX_PAGE_SIZE,
        all.length - MAX_PAGE_SIZE,
      ]);
      expect(expectFullPages(pages, MAX_PAGE_SIZE)).toEqual(
        await inListOrder('roleplay_sessions', all),
      );
    });

    it('answers 100 at a time when no limit is asked for, and the next page follows on', async () => {
      const pages = await walk(interviewer, '/api/sessions');
      expect(pages.map((page) => page.ids.length)).toEqual([
        DEFAULT_PAGE_SIZE,
        sessions.mine.length - DEFAULT_PAGE_SIZE,
      ]);
      expect(pages[0].next).toMatch(/^\/api\/sessions\?cursor=[A-Za-z0-9_-]+$/);
      expect(expectFullPages(pages, DEFAULT_PAGE_SIZE)).toEqual(
        await inListOrder('roleplay_sessions', sessions.mine),
      );
    });

    it('keeps the status filter in the Link header', async () => {
      const pages = await walk(interviewer, '/api/sessions?status=cancelled&limit=2');
      expect(pages[0].next).toMatch(/^\/api\/sessions\?status=cancelled&limit=2&cursor=/);
      expect(expectFullPages(pages, 2)).toEqual(
        await inListOrder('roleplay_sessions', sessions.cancelled),
      );
      const scheduled = await walk(interviewer, '/api/sessions?status=scheduled&limit=50');
      const stillScheduled = sessions.mine.filter((id) => !sessions.cancelled.includes(id));
      expect(expectFullPages(scheduled, 50)).toEqual(
        await inListOrder('roleplay_sessions', stillScheduled),
      );
    });

    it("shows an interviewer only their own sessions even from a cursor of a manager's page", async () => {
      const first = await get(manager, '/api/sessions?limit=3').expect(200);
      const cursor = new URL(nextOf(first)!, testApp.url).searchParams.get('cursor')!;
      const pages = await walk(interviewer, `/api/sessions?limit=50&cursor=${cursor}`);
      const ids = expectFullPages(pages, 50);
      expect(ids.length).toBeGreaterThan(0);
      expect(sessions.mine).toEqual(expect.arrayContaining(ids));
    });
  });

  describe('GET /api/candidates', () => {
    it('gives an interviewer full pages of the candidates they added or interview, with no duplicates and no gaps', async () => {
      const pages = await walk(interviewer, '/api/candidates?limit=9');
      const ids = expectFullPages(pages, 9);
      expect(ids).toEqual(await inListOrder('candidates', candidates.mine));
      expect(pages[0].next).toMatch(/^\/api\/candidates\?limit=9&cursor=[A-Za-z0-9_-]+$/);
    });

    it('gives a manager every candidate, at most 500 a page', async () => {
      const all = [...candidates.mine, ...candidates.theirs];
      const pages = await walk(manager, `/api/candidates?limit=${MAX_PAGE_SIZE}`);
      expect(pages.map((page) => page.ids.length)).toEqual([
        MAX_PAGE_SIZE,
        all.length - MAX_PAGE_SIZE,
      ]);
      expect(expectFullPages(pages, MAX_PAGE_SIZE)).toEqual(await inListOrder('candidates', all));
    });

    it('answers 100 at a time when no limit is asked for', async () => {
      const pages = await walk(otherInterviewer, '/api/candidates');
      expect(pages.map((page) => page.ids.length)).toEqual([
        DEFAULT_PAGE_SIZE,
        DEFAULT_PAGE_SIZE,
        DEFAULT_PAGE_SIZE,
        DEFAULT_PAGE_SIZE,
        candidates.theirs.length - 4 * DEFAULT_PAGE_SIZE,
      ]);
      expect(expectFullPages(pages, DEFAULT_PAGE_SIZE)).toEqual(
        await inListOrder('candidates', candidates.theirs),
      );
    });
  });

  const LIMIT = `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`;
  const CURSOR = 'cursor must be the cursor from the Link header of the previous page';
  const cursorOf = (position: unknown) =>
    Buffer.from(JSON.stringify(position)).toString('base64url');
  const wrongShape = cursorOf(['yesterday', 'someone']);
  // The right shape, but no real moment or id: PostgreSQL would refuse the cast, a 500 if let through.
  const noSuchMoment = cursorOf(['2024-13-45 99:99:99+00', '7b0c5a8e-0000-4000-8000-000000000000']);
  const noSuchId = cursorOf(['2024-01-02 03:04:05.678+00', '-'.repeat(36)]);

  describe.each(['/api/sessions', '/api/candidates'])('%s refuses, naming the field,', (path) => {
    it.each([
      ['cursor=zzz', 'cursor=zzz', CURSOR],
      ['a cursor of the right alphabet but not of Hotseat', `cursor=${wrongShape}`, CURSOR],
      ['a cursor outside base64url', 'cursor=not%20base64', CURSOR],
      ['a cursor of a month 13 and hour 99', `cursor=${noSuchMoment}`, CURSOR],
      ['a cursor whose id is all dashes', `cursor=${noSuchId}`, CURSOR],
      ['a cursor over 200 characters', `cursor=${'a'.repeat(201)}`, CURSOR],
      ['limit=0', 'limit=0', LIMIT],
      ['limit=-1', 'limit=-1', LIMIT],
      ['limit=501', 'limit=501', LIMIT],
      ['limit=abc', 'limit=abc', LIMIT],
      ['limit=2.5', 'limit=2.5', LIMIT],
    ])('%s', async (_what, query, message) => {
      const response = await get(manager, `${path}?${query}`).expect(400);
      expect(JSON.stringify(response.body.message)).toContain(message);
      expect(response.headers.link).toBeUndefined();
    });
  });
});
