import { randomUUID } from 'node:crypto';
import { METHODS } from 'node:http';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Opening } from '@hotseat/hiring';
import type { StaffRole } from '@hotseat/identity';
import {
  completeRating,
  createCandidate,
  createStaff,
  endedSession,
  issueLink,
  practiceSession,
  scheduleSession,
  shadowLink,
  staffToken,
  type TestStaff,
} from './support/factories';
import { createTestDatabase, databaseKind, type TestDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Who may call what: every HTTP route the app serves, called by every kind of caller. The routes are
 * read from the running app's router, so a new route without a row here fails the first test.
 * Each feature adds the rows of its routes.
 */
const CALLERS = [
  'anonymous',
  'candidate',
  'shadow',
  'interviewer',
  'otherInterviewer',
  'manager',
  'admin',
] as const;
type Caller = (typeof CALLERS)[number];
type Expected = Record<Caller, number>;

interface Context {
  app: TestApp['app'];
  url: string;
  staff: Record<StaffRole | 'otherInterviewer', TestStaff>;
}

interface Call {
  path?: string;
  body?: object;
  token?: string;
}

interface Row {
  /** The concrete call: path parameters, body, or a token of its own; fresh for every call. */
  call?: (context: Context, caller: Caller) => Call | Promise<Call>;
  expected: Expected;
}

const everyone = (status: number): Expected =>
  Object.fromEntries(CALLERS.map((caller) => [caller, status])) as Expected;
/** Staff with one of `roles` get `status`; other staff 403; guests 403; anonymous 401. */
const staffWith = (roles: StaffRole[], status: number): Expected => ({
  anonymous: 401,
  candidate: 403,
  shadow: 403,
  interviewer: roles.includes('interviewer') ? status : 403,
  otherInterviewer: roles.includes('interviewer') ? status : 403,
  manager: roles.includes('manager') ? status : 403,
  admin: roles.includes('admin') ? status : 403,
});
const anyStaff = (status: number) => staffWith(['admin', 'manager', 'interviewer'], status);
/** A resource of `interviewer`'s: another interviewer is told it does not exist. */
const interviewersOwn = (status: number): Expected => ({
  ...anyStaff(status),
  otherInterviewer: 404,
});
const roleOf = (caller: Caller): StaffRole =>
  caller === 'otherInterviewer' ? 'interviewer' : (caller as StaffRole);
const isStaff = (caller: Caller) => !['anonymous', 'candidate', 'shadow'].includes(caller);

const MATRIX: Record<string, Row> = {
  'GET /health': { expected: everyone(200) },
  'POST /api/auth/login': {
    call: async ({ app }) => {
      const person = await createStaff(app, 'interviewer');
      return { body: { email: person.email, password: person.password } };
    },
    expected: everyone(200),
  },
  'POST /api/auth/logout': { expected: anyStaff(204) },
  'GET /api/auth/me': { expected: anyStaff(200) },
  'POST /api/auth/password': {
    call: async ({ app }, caller) => {
      if (!isStaff(caller))
        return { body: { currentPassword: 'x', newPassword: 'long enough pw' } };
      const person = await createStaff(app, roleOf(caller));
      return {
        token: await staffToken(app, person),
        body: { currentPassword: person.password, newPassword: 'another long password' },
      };
    },
    expected: anyStaff(204),
  },
  'GET /api/users': { expected: staffWith(['admin'], 200) },
  'POST /api/users': {
    call: () => ({
      body: { email: `new-${randomUUID()}@example.com`, name: 'New Person', role: 'interviewer' },
    }),
    expected: staffWith(['admin'], 201),
  },
  'PATCH /api/users/:id': {
    call: async ({ app }) => ({
      path: `/api/users/${(await createStaff(app, 'interviewer')).id}`,
      body: { name: 'Renamed' },
    }),
    expected: staffWith(['admin'], 200),
  },
  'GET /api/links/current': {
    expected: { ...everyone(403), anonymous: 401, candidate: 200, shadow: 200 },
  },
  'GET /api/scenarios': { expected: anyStaff(200) },
  'GET /api/scenarios/:id': {
    call: () => ({ path: '/api/scenarios/charged-ten-times' }),
    expected: anyStaff(200),
  },
  'GET /api/help-center/search': {
    call: () => ({ path: '/api/help-center/search?q=refund&product=tixly' }),
    expected: anyStaff(200),
  },
  'GET /api/help-center/articles/:id': {
    call: () => ({ path: '/api/help-center/articles/refund-timing' }),
    expected: anyStaff(200),
  },
  'POST /api/candidates': {
    call: () => ({ body: { name: 'Alan Turing', email: 'alan@example.com' } }),
    expected: anyStaff(201),
  },
  'GET /api/candidates': { expected: anyStaff(200) },
  'GET /api/candidates/:id': {
    call: async ({ app, staff }) => ({
      path: `/api/candidates/${(await createCandidate(app, staff.interviewer)).id}`,
    }),
    expected: interviewersOwn(200),
  },
  'POST /api/sessions': {
    call: async ({ app, staff }) => ({
      body: {
        candidateId: (await createCandidate(app, staff.interviewer)).id,
        scenarioId: 'charged-ten-times',
      },
    }),
    expected: interviewersOwn(201),
  },
  'GET /api/sessions': { expected: anyStaff(200) },
  'GET /api/sessions/:id': {
    call: async ({ app, staff }) => ({
      path: `/api/sessions/${(await scheduleSession(app, staff.interviewer)).id}`,
    }),
    expected: interviewersOwn(200),
  },
  'POST /api/sessions/:id/cancel': {
    call: async ({ app, staff }) => ({
      path: `/api/sessions/${(await scheduleSession(app, staff.interviewer)).id}/cancel`,
    }),
    expected: interviewersOwn(200),
  },
  'POST /api/sessions/:id/candidate-link': {
    call: async ({ app, staff }) => ({
      path: `/api/sessions/${(await scheduleSession(app, staff.interviewer)).id}/candidate-link`,
    }),
    expected: interviewersOwn(201),
  },
  'DELETE /api/sessions/:id/candidate-link': {
    call: async ({ app, staff }) => ({
      path: `/api/sessions/${(await scheduleSession(app, staff.interviewer)).id}/candidate-link`,
    }),
    expected: interviewersOwn(204),
  },
  'POST /api/sessions/:id/practice': {
    // The candidate's own link to a role-play that has not started: a practice session for them.
    call: async ({ app, staff }, caller) => {
      const session = await scheduleSession(app, staff.interviewer);
      return {
        path: `/api/sessions/${session.id}/practice`,
        ...(caller === 'candidate' && { token: session.candidateToken }),
      };
    },
    expected: { ...everyone(403), anonymous: 401, candidate: 201 },
  },
  'GET /api/sessions/:id/debrief': {
    // Past the access check, a practice that is not over yet has no debrief: 409.
    call: async ({ app, staff }, caller) => {
      const practice = await practiceSession(app, staff.interviewer);
      return {
        path: `/api/sessions/${practice.id}/debrief`,
        ...(caller === 'candidate' && { token: practice.candidateToken }),
      };
    },
    expected: { ...everyone(403), anonymous: 401, candidate: 409 },
  },
  'GET /api/sessions/:id/events': {
    call: async ({ app, staff }) => ({
      path: `/api/sessions/${(await scheduleSession(app, staff.interviewer)).id}/events`,
    }),
    expected: interviewersOwn(200),
  },
  'POST /api/openings': {
    call: () => ({ body: { title: 'Support agent', scenarioIds: ['charged-ten-times'] } }),
    expected: staffWith(['admin', 'manager'], 201),
  },
  'GET /api/openings': { expected: anyStaff(200) },
  'GET /api/openings/:id': {
    call: async ({ app }) => ({ path: `/api/openings/${(await createOpening(app)).id}` }),
    expected: anyStaff(200),
  },
  'PATCH /api/openings/:id': {
    call: async ({ app }) => ({
      path: `/api/openings/${(await createOpening(app)).id}`,
      body: { title: 'Senior support agent' },
    }),
    expected: staffWith(['admin', 'manager'], 200),
  },
  'POST /api/sessions/:id/ratings': {
    call: async ({ app, url, staff }) => ({
      path: `/api/sessions/${(await endedSession({ app, url }, staff.interviewer)).id}/ratings`,
      body: { csat: 4 },
    }),
    // Managers and admins may read it, but only the interviewer who ran it rates it.
    expected: { ...interviewersOwn(200), manager: 403, admin: 403 },
  },
  'GET /api/sessions/:id/ratings': {
    call: async ({ app, staff }) => ({
      path: `/api/sessions/${(await scheduleSession(app, staff.interviewer)).id}/ratings`,
    }),
    expected: interviewersOwn(200),
  },
  'GET /api/sessions/:id/metrics': {
    call: async ({ app, staff }) => ({
      path: `/api/sessions/${(await scheduleSession(app, staff.interviewer)).id}/metrics`,
    }),
    expected: interviewersOwn(200),
  },
  'POST /api/candidates/:id/shadow-links': {
    call: async ({ app, staff }) => ({
      path: `/api/candidates/${(await createCandidate(app, staff.interviewer)).id}/shadow-links`,
      body: { hostName: 'Sam Host' },
    }),
    expected: interviewersOwn(201),
  },
  'DELETE /api/shadow-links/:id': {
    call: async ({ app, staff }) => ({
      path: `/api/shadow-links/${(await shadowLink(app, staff.interviewer)).id}`,
    }),
    expected: interviewersOwn(204),
  },
  'GET /api/shadow-feedback': {
    call: async ({ app, staff }, caller) =>
      caller === 'shadow' ? { token: (await shadowLink(app, staff.interviewer)).token } : {},
    expected: { ...everyone(403), anonymous: 401, shadow: 200 },
  },
  'PUT /api/shadow-feedback': {
    call: async ({ app, staff }, caller) => ({
      ...(caller === 'shadow' && { token: (await shadowLink(app, staff.interviewer)).token }),
      body: {
        learning: { score: 3 },
        understanding: { score: 4, notes: 'Asked why refunds take 5 days' },
        engagement: { score: 2 },
      },
    }),
    expected: { ...everyone(403), anonymous: 401, shadow: 200 },
  },
  'GET /api/candidates/:id/scorecard': {
    call: async ({ app, url, staff }) => {
      const session = await endedSession({ app, url }, staff.interviewer);
      await request(url)
        .post(`/api/sessions/${session.id}/ratings`)
        .auth(await staffToken(app, staff.interviewer), { type: 'bearer' })
        .send(completeRating())
        .expect(200);
      return { path: `/api/candidates/${session.candidate!.id}/scorecard` };
    },
    expected: interviewersOwn(200),
  },
  'GET /api/scorecards/compare': {
    call: async ({ app, staff }) => {
      const [a, b] = [
        await createCandidate(app, staff.manager),
        await createCandidate(app, staff.manager),
      ];
      return { path: `/api/scorecards/compare?candidates=${a.id},${b.id}` };
    },
    expected: staffWith(['admin', 'manager'], 200),
  },
  // Pages: anonymous visitors of a staff page are sent to the login page.
  'GET /login': { expected: everyone(200) },
  'GET /': { expected: { ...anyStaff(200), anonymous: 303 } },
  // pages: candidate room
  // pages: interviewer console
  'GET /sessions/:id': {
    call: async ({ app, staff }) => ({
      path: `/sessions/${(await scheduleSession(app, staff.interviewer)).id}`,
    }),
    expected: { ...interviewersOwn(200), anonymous: 303 },
  },
  // pages: scorecard and comparison
  'GET /candidates/:id': {
    call: async ({ app, staff }) => ({
      path: `/candidates/${(await createCandidate(app, staff.interviewer)).id}`,
    }),
    // The scorecard API's rule: the interviewer who added the candidate waits for their own rating.
    expected: { ...interviewersOwn(200), interviewer: 403, anonymous: 303 },
  },
  'GET /candidates/:id/sessions/:sessionId/transcript': {
    call: async ({ app, url, staff }) => {
      const session = await endedSession({ app, url }, staff.interviewer);
      return {
        path: `/candidates/${session.candidate!.id}/sessions/${session.id}/transcript?notes=true`,
      };
    },
    expected: { ...interviewersOwn(200), interviewer: 403, anonymous: 303 },
  },
  'GET /compare': { expected: { ...staffWith(['admin', 'manager'], 200), anonymous: 303 } },
  // pages: shadow form, scenarios, people
  'GET /join/:token': {
    call: async ({ app, staff }) => ({
      path: new URL((await scheduleSession(app, staff.interviewer)).candidateUrl).pathname,
    }),
    expected: everyone(200),
  },
  'GET /shadow/:token': {
    call: async ({ app, staff }) => ({
      path: new URL((await shadowLink(app, staff.interviewer)).url).pathname,
    }),
    expected: everyone(200),
  },
  'GET /scenarios': { expected: { ...anyStaff(200), anonymous: 303 } },
  'GET /scenarios/:id': {
    call: () => ({ path: '/scenarios/charged-ten-times' }),
    expected: { ...anyStaff(200), anonymous: 303 },
  },
  'GET /users': { expected: { ...staffWith(['admin'], 200), anonymous: 303 } },
  'GET /api/sessions.csv': {
    call: async ({ app }) => ({
      path: `/api/sessions.csv?openingId=${(await createOpening(app)).id}`,
    }),
    expected: staffWith(['admin', 'manager'], 200),
  },
};

async function createOpening(app: Context['app']) {
  return app
    .get(DataSource)
    .getRepository(Opening)
    .save({
      title: 'Support agent',
      scenarioIds: ['charged-ten-times'],
      weights: null,
      createdById: null,
    });
}

describe(`the access matrix (${databaseKind} database)`, () => {
  let database: TestDatabase;
  let testApp: TestApp;
  let context: Context;

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp(database.environment);
    const { app } = testApp;
    context = {
      app,
      url: testApp.url,
      staff: {
        interviewer: await createStaff(app, 'interviewer'),
        otherInterviewer: await createStaff(app, 'interviewer'),
        manager: await createStaff(app, 'manager'),
        admin: await createStaff(app, 'admin'),
      },
    };
  });

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

  /** A fresh credential for `caller`, so that a logout in one call cannot affect another. */
  async function tokenFor(caller: Caller): Promise<string | undefined> {
    if (caller === 'anonymous') return undefined;
    if (caller === 'candidate' || caller === 'shadow')
      return (await issueLink(context.app, caller)).token;
    return staffToken(context.app, context.staff[caller]);
  }

  /**
   * One more caller, whose answers follow from the admin's: an admin whose browser sends the session
   * cookie but no CSRF token (what a forged form from another page would do). Every state-changing
   * route that needs a login must refuse it.
   */
  function expectedForCookieWithoutCsrf(method: string, row: Row): number {
    const needsLogin = row.expected.anonymous === 401;
    return needsLogin && !['GET', 'HEAD'].includes(method) ? 403 : row.expected.admin;
  }

  it('has a row for every route the app serves, and no row for a route it does not', () => {
    type Layer = { route?: { path: string; methods: Record<string, boolean> } };
    const router = (testApp.app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } })
      .router;
    // Middleware is mounted with app.all(), i.e. for every method; routes name theirs.
    const isMiddleware = (methods: Record<string, boolean>) =>
      METHODS.every((method) => methods[method.toLowerCase()]);
    const served = router.stack.flatMap(({ route }) =>
      route && !isMiddleware(route.methods)
        ? Object.keys(route.methods).map((method) => `${method.toUpperCase()} ${route.path}`)
        : [],
    );
    expect(served.sort()).toEqual(Object.keys(MATRIX).sort());
  });

  describe.each(Object.entries(MATRIX))('%s', (route, row) => {
    const [method, pattern] = route.split(' ');
    it.each(CALLERS)('as %s', async (caller) => {
      const call = row.call ? await row.call(context, caller) : {};
      const token = call.token ?? (await tokenFor(caller));
      const path = call.path ?? pattern;
      let pending = request(testApp.url)[
        method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'
      ](path);
      if (token) pending = pending.auth(token, { type: 'bearer' });
      const response = await (call.body ? pending.send(call.body) : pending);
      expect({ caller, status: response.status }).toEqual({ caller, status: row.expected[caller] });
    });

    it('as admin with the session cookie but no CSRF token', async () => {
      const call = row.call ? await row.call(context, 'admin') : {};
      const token = call.token ?? (await tokenFor('admin'));
      let pending = request(testApp.url)[
        method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'
      ](call.path ?? pattern);
      pending = pending.set('cookie', `hotseat_session=${token}`);
      const response = await (call.body ? pending.send(call.body) : pending);
      expect(response.status).toBe(expectedForCookieWithoutCsrf(method, row));
    });
  });
});
