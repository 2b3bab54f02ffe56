import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest, METHODS, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ShadowingService } from '@hotseat/feedback';
import { Opening } from '@hotseat/hiring';
import type { StaffPrincipal } from '@hotseat/identity';
import {
  containsRaw,
  DEEP_ARRAY,
  DEEP_OBJECT,
  DESK_INPUTS,
  HTTP_FIELD_VALUES as V,
  LONE_HIGH,
  long,
  MEGABYTE,
  NUL,
  PATH_VALUES,
  POLLUTION,
  QUERY_VALUES as Q,
  SOCKET_DEEP_ARRAY,
  SOCKET_DEEP_OBJECT,
  SOCKET_FIELD_VALUES as S,
  toJson,
  withKey,
  type HttpBad,
  type HttpExpected,
  type PathBad,
  type QueryBad,
  type SocketBad,
  type SocketExpected,
} from './support/bad-input-cases';
import {
  createCandidate,
  createStaff,
  endedSession,
  issueLink,
  scheduleSession,
  shadowLink,
  signedInStaff,
  staffToken,
  type TestStaff,
} from './support/factories';
import { RoleplayClient, type Ack } from './support/roleplay-client';
import { createTestDatabase, databaseKind, type TestDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The bad-input corpus: every HTTP route and every socket event of Hotseat, sent input it must
 * refuse. Each case asserts a clear refusal (a 4xx in the standard shape with the request id and the
 * security headers; or `{ ok: false, error: { code } }` whose code is not `internal`), that nothing
 * internal leaks into the answer, and that no table changed. The cases are generated from the
 * tables of test/support/bad-input-cases.ts, so each case's name says what it sends.
 */

const SCENARIO = 'charged-ten-times';
const NAMESPACE = '/roleplay';
/**
 * Under the gateway's limits (libs/roleplay/src/flood-limits.ts: 40 events per 2 s per token, 100
 * per 2 s per role-play, 5 sockets per token), so that no case measures them.
 */
const PER_TOKEN = 30;
const PER_SESSION = 80;
const WINDOW_MS = 2_100;
const TOKENS_PER_SIDE = 3;
/** Live role-plays the socket cases are spread over: each has its own budget of events. */
const SCENES = 2;

type Staff = TestStaff & { token: string };
interface Context {
  app: TestApp['app'];
  url: string;
  admin: Staff;
  manager: Staff;
  interviewer: Staff;
  /** An account for PATCH /api/users/:id. */
  patchee: TestStaff;
  candidateId: string;
  openingId: string;
  scheduledSessionId: string;
  /** The candidate link of the scheduled session: a guest who may practise first. */
  scheduledCandidateToken: string;
  endedSessionId: string;
  /** The candidate of the ended session (endedSession makes one of its own). */
  endedCandidateId: string;
  liveSessionId: string;
  candidateToken: string;
  shadowToken: string;
  /** A second host's link of the same candidate, for DELETE /api/shadow-links/:id. */
  shadowLinkId: string;
  /** The account POST /api/auth/password cases change; made again when a case changed it. */
  passwordAccount?: TestStaff;
  /** Made for one case by its route's `prepare`: a login to end, or one of passwordAccount. */
  fresh?: Staff;
}

// ---------------------------------------------------------------------------------------------
// What is wrong with an answer

const LEAKS: Array<[string, RegExp]> = [
  ['a stack frame', /\n\s+at \S|\bat [\w$.<>[\] ]+ \([^)]*:\d+:\d+\)|at Object\.|at async /],
  [
    'an error class',
    /\b(?:QueryFailedError|TypeError|RangeError|ReferenceError|SyntaxError|EntityNotFoundError|EntityPropertyNotFoundError|PayloadTooLargeError|UnsupportedMediaTypeError|BadRequestError|InternalServerError|DriverError|ValidationError)\b/,
  ],
  [
    'a file path',
    /(?:^|[\s("'])\/(?:[\w.@-]+\/)+[\w.@-]+\.(?:js|ts|mjs|cjs)\b|node_modules|\/work\/|file:\/\//,
  ],
  ['the reference of an internal error', /reference:/i],
  [
    'a database detail',
    /invalid byte sequence|invalid input syntax|violates \w+ constraint|relation "|column "|\bpg_|unsupported Unicode escape|Unicode (?:high|low) surrogate|duplicate key/i,
  ],
  [
    'a JavaScript engine message',
    /Maximum call stack|Cannot read propert|is not a function|is not iterable|undefined is not|Cannot convert/i,
  ],
];

function leaksIn(text: string): string[] {
  return LEAKS.filter(([, pattern]) => pattern.test(text)).map(
    ([what]) => `the answer shows ${what}`,
  );
}

const excerpt = (text: string) => text.replace(/\s+/g, ' ').slice(0, 300);

// ---------------------------------------------------------------------------------------------
// The database, before and after

let fingerprintSql = '';

/**
 * Per table, its row count and the newest row version's transaction id (`xmin`): an insert or an
 * update makes a row version with a newer one, a delete changes the count. Row contents would say
 * the same four times slower, and every case runs it.
 */
async function fingerprint(app: TestApp['app']): Promise<Record<string, string>> {
  const rows = await app
    .get(DataSource)
    .query<Array<{ name: string; version: string }>>(fingerprintSql);
  return Object.fromEntries(rows.map((row) => [row.name, row.version]));
}

/** Every table of the schema but the migrations' bookkeeping: a refused request changes none. */
async function prepareFingerprint(app: TestApp['app']): Promise<string[]> {
  const tables = await app.get(DataSource).query<Array<{ table_name: string }>>(
    `SELECT table_name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations'
       ORDER BY table_name`,
  );
  const names = tables.map((table) => table.table_name);
  fingerprintSql = names
    .map(
      (name) =>
        `SELECT '${name}' AS name, count(*) || ':' || coalesce(max(t.xmin::text::bigint), 0) AS version FROM "${name}" t`,
    )
    .join(' UNION ALL ');
  return names;
}

const changedTables = (before: Record<string, string>, after: Record<string, string>) =>
  Object.keys({ ...before, ...after }).filter((name) => before[name] !== after[name]);

/** The test app runs in this process: a key set on Object.prototype by a request would show here. */
function pollutedPrototype(): string[] {
  return Object.keys(POLLUTION).filter((key) => Object.hasOwn(Object.prototype, key));
}

// ---------------------------------------------------------------------------------------------
// HTTP, sent as it is (no client library normalizes a path or a body)

interface RawRequest {
  method: string;
  path: string;
  token?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}
interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

let addressCount = 0;
/**
 * A client address of its own for every request (the app trusts one proxy hop here), so that the
 * login throttle of 20 a minute per address never answers for the input.
 */
const nextAddress = () => {
  addressCount += 1;
  return `10.${(addressCount >> 16) & 255}.${(addressCount >> 8) & 255}.${addressCount & 255}`;
};

function send(url: string, call: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  const body = call.body === undefined ? undefined : Buffer.from(call.body);
  const headers: Record<string, string> = {
    'x-forwarded-for': nextAddress(),
    ...(call.token && { authorization: `Bearer ${call.token}` }),
    ...(body && { 'content-type': 'application/json', 'content-length': String(body.length) }),
    ...call.headers,
  };
  return new Promise((resolve, reject) => {
    let answered = false;
    const outgoing = httpRequest(
      { host: hostname, port, method: call.method, path: call.path, headers },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    // The server may answer (413) and close before a large body is all sent; the answer counts.
    outgoing.on('error', (error) => {
      if (!answered) reject(error);
    });
    outgoing.end(body);
  });
}

function httpProblems(
  response: RawResponse,
  expected: HttpExpected,
  kind: 'api' | 'page',
): string[] {
  const problems: string[] = [];
  const { status, headers, text } = response;
  if (expected === '4xx' ? status < 400 || status > 499 : status !== expected) {
    problems.push(`status ${status}, expected ${expected}`);
  }
  problems.push(...leaksIn(text));
  if (!headers['x-request-id']) problems.push('no x-request-id header');
  if (headers['x-content-type-options'] !== 'nosniff') {
    problems.push('no x-content-type-options: nosniff header');
  }
  if (!headers['content-security-policy']) problems.push('no content-security-policy header');
  if (kind === 'api') {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const shaped = body as { statusCode?: unknown; error?: unknown; message?: unknown } | undefined;
    if (
      !shaped ||
      typeof shaped !== 'object' ||
      shaped.statusCode !== status ||
      typeof shaped.error !== 'string' ||
      !(
        typeof shaped.message === 'string' ||
        (Array.isArray(shaped.message) && shaped.message.every((m) => typeof m === 'string'))
      )
    ) {
      problems.push('the body is not { statusCode, error, message }');
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The HTTP routes, each with the caller who may use it and its valid input

interface FieldSet {
  valid: (c: Context) => Record<string, unknown>;
  fields: Record<string, HttpBad[]>;
  /** `{}` must be refused: every field is required, or a change of nothing is no change. */
  emptyIsBad: boolean;
}
interface Route {
  caller: (c: Context) => string | undefined;
  path: (c: Context) => string;
  /** The route's path with one segment replaced by a bad one. */
  params?: Array<{
    name: string;
    kind: keyof typeof PATH_VALUES;
    path: (c: Context, s: string) => string;
  }>;
  body?: FieldSet;
  query?: { valid: (c: Context) => Record<string, string>; fields: Record<string, QueryBad[]> };
  prepare?: (c: Context) => Promise<Staff>;
  page?: boolean;
}

/** A new login (no password hashing, so it is cheap) of `staff`. */
const freshLogin = async (c: Context, staff: TestStaff): Promise<Staff> => ({
  ...staff,
  token: await staffToken(c.app, staff),
});

const asInterviewer = (c: Context) => c.interviewer.token;
const asManager = (c: Context) => c.manager.token;
const asAdmin = (c: Context) => c.admin.token;
const asFresh = (c: Context) => c.fresh!.token;
const fixed = (path: string) => () => path;
const uuidParam = (prefix: string, suffix = '') => [
  { name: 'id', kind: 'uuid' as const, path: (_c: Context, s: string) => `${prefix}${s}${suffix}` },
];
const shadowAnswers = () => ({
  learning: { score: 3 },
  understanding: { score: 4, notes: 'Asked why refunds take 5 days' },
  engagement: { score: 2 },
});

const ROUTES: Record<string, Route> = {
  'GET /health': { caller: () => undefined, path: fixed('/health') },
  'POST /api/auth/login': {
    caller: () => undefined,
    path: fixed('/api/auth/login'),
    body: {
      valid: () => ({ email: `nobody-${randomUUID()}@example.com`, password: 'a long password' }),
      fields: { email: V.anyText(254), password: V.anyText(200) },
      emptyIsBad: true,
    },
  },
  'POST /api/auth/logout': {
    caller: asFresh,
    path: fixed('/api/auth/logout'),
    prepare: (c) => freshLogin(c, c.interviewer),
  },
  'GET /api/auth/me': { caller: asInterviewer, path: fixed('/api/auth/me') },
  'POST /api/auth/password': {
    caller: asFresh,
    path: fixed('/api/auth/password'),
    // Only inputs that pass validation reach the password check, so the account's lock (5 wrong
    // passwords in 15 minutes) is not near; a case that changed the password gets a new account.
    prepare: async (c) => {
      c.passwordAccount ??= await createStaff(c.app, 'interviewer');
      return freshLogin(c, c.passwordAccount);
    },
    body: {
      valid: (c) => ({ currentPassword: c.fresh!.password, newPassword: 'another long password' }),
      fields: { currentPassword: V.anyText(200), newPassword: V.password() },
      emptyIsBad: true,
    },
  },
  'GET /api/users': { caller: asAdmin, path: fixed('/api/users') },
  'POST /api/users': {
    caller: asAdmin,
    path: fixed('/api/users'),
    body: {
      valid: () => ({
        email: `new-${randomUUID()}@example.com`,
        name: 'New Person',
        role: 'interviewer',
      }),
      fields: { email: V.email(), name: V.text(100), role: V.choice(), password: V.password() },
      emptyIsBad: true,
    },
  },
  'PATCH /api/users/:id': {
    caller: asAdmin,
    path: (c) => `/api/users/${c.patchee.id}`,
    params: uuidParam('/api/users/'),
    body: {
      valid: () => ({ name: 'Renamed Person' }),
      fields: { name: V.text(100), role: V.choice(), disabled: V.bool(), password: V.password() },
      emptyIsBad: true,
    },
  },
  'GET /api/links/current': { caller: (c) => c.candidateToken, path: fixed('/api/links/current') },
  'GET /api/scenarios': { caller: asInterviewer, path: fixed('/api/scenarios') },
  'GET /api/scenarios/:id': {
    caller: asInterviewer,
    path: fixed(`/api/scenarios/${SCENARIO}`),
    params: [{ name: 'id', kind: 'slug', path: (_c, s) => `/api/scenarios/${s}` }],
  },
  'GET /api/help-center/search': {
    caller: asInterviewer,
    path: fixed('/api/help-center/search'),
    query: {
      valid: () => ({ q: 'refund', product: 'tixly' }),
      fields: { q: Q.text(), product: Q.slug() },
    },
  },
  'GET /api/help-center/articles/:id': {
    caller: asInterviewer,
    path: fixed('/api/help-center/articles/refund-timing'),
    params: [{ name: 'id', kind: 'slug', path: (_c, s) => `/api/help-center/articles/${s}` }],
  },
  'POST /api/candidates': {
    caller: asInterviewer,
    path: fixed('/api/candidates'),
    body: {
      valid: () => ({ name: 'Alan Turing', email: 'alan@example.com' }),
      fields: { name: V.text(100), email: V.email(), openingId: V.uuid() },
      emptyIsBad: true,
    },
  },
  'GET /api/candidates': {
    caller: asInterviewer,
    path: fixed('/api/candidates'),
    query: {
      valid: () => ({}),
      fields: { openingId: Q.uuid(), limit: Q.limit(), cursor: Q.cursor() },
    },
  },
  'GET /api/candidates/:id': {
    caller: asInterviewer,
    path: (c) => `/api/candidates/${c.candidateId}`,
    params: uuidParam('/api/candidates/'),
  },
  'POST /api/sessions': {
    caller: asInterviewer,
    path: fixed('/api/sessions'),
    body: {
      valid: (c) => ({ candidateId: c.candidateId, scenarioId: SCENARIO }),
      fields: {
        candidateId: V.uuid(),
        scenarioId: V.slug(),
        interviewerId: V.uuid(),
        mode: V.choice(),
      },
      emptyIsBad: true,
    },
  },
  'GET /api/sessions': {
    caller: asInterviewer,
    path: fixed('/api/sessions'),
    query: {
      valid: () => ({}),
      fields: { status: Q.word(), limit: Q.limit(), cursor: Q.cursor() },
    },
  },
  'GET /api/sessions/:id': {
    caller: asInterviewer,
    path: (c) => `/api/sessions/${c.scheduledSessionId}`,
    params: uuidParam('/api/sessions/'),
  },
  'POST /api/sessions/:id/candidate-link': {
    caller: asInterviewer,
    path: (c) => `/api/sessions/${c.scheduledSessionId}/candidate-link`,
    params: uuidParam('/api/sessions/', '/candidate-link'),
  },
  'DELETE /api/sessions/:id/candidate-link': {
    caller: asInterviewer,
    path: (c) => `/api/sessions/${c.scheduledSessionId}/candidate-link`,
    params: uuidParam('/api/sessions/', '/candidate-link'),
  },
  'DELETE /api/shadow-links/:id': {
    caller: asInterviewer,
    path: (c) => `/api/shadow-links/${c.shadowLinkId}`,
    params: uuidParam('/api/shadow-links/'),
  },
  'POST /api/sessions/:id/cancel': {
    caller: asInterviewer,
    path: (c) => `/api/sessions/${c.scheduledSessionId}/cancel`,
    params: uuidParam('/api/sessions/', '/cancel'),
  },
  'POST /api/sessions/:id/practice': {
    caller: (c) => c.scheduledCandidateToken,
    path: (c) => `/api/sessions/${c.scheduledSessionId}/practice`,
    params: uuidParam('/api/sessions/', '/practice'),
  },
  'GET /api/sessions/:id/debrief': {
    caller: (c) => c.scheduledCandidateToken,
    path: (c) => `/api/sessions/${c.scheduledSessionId}/debrief`,
    params: uuidParam('/api/sessions/', '/debrief'),
  },
  'GET /api/sessions/:id/events': {
    caller: asInterviewer,
    path: (c) => `/api/sessions/${c.liveSessionId}/events`,
    params: uuidParam('/api/sessions/', '/events'),
  },
  'POST /api/openings': {
    caller: asManager,
    path: fixed('/api/openings'),
    body: {
      valid: () => ({ title: 'Support agent', scenarioIds: [SCENARIO] }),
      fields: { title: V.text(200), scenarioIds: V.scenarioIds(), weights: V.weights() },
      emptyIsBad: true,
    },
  },
  'GET /api/openings': {
    caller: asInterviewer,
    path: fixed('/api/openings'),
    query: { valid: () => ({}), fields: { limit: Q.limit(), cursor: Q.cursor() } },
  },
  'GET /api/openings/:id': {
    caller: asInterviewer,
    path: (c) => `/api/openings/${c.openingId}`,
    params: uuidParam('/api/openings/'),
  },
  'PATCH /api/openings/:id': {
    caller: asManager,
    path: (c) => `/api/openings/${c.openingId}`,
    params: uuidParam('/api/openings/'),
    body: {
      valid: () => ({ title: 'Senior support agent' }),
      fields: { title: V.text(200), scenarioIds: V.scenarioIds(), weights: V.weights() },
      emptyIsBad: true,
    },
  },
  'POST /api/sessions/:id/ratings': {
    caller: asInterviewer,
    path: (c) => `/api/sessions/${c.endedSessionId}/ratings`,
    params: uuidParam('/api/sessions/', '/ratings'),
    body: {
      valid: () => ({ csat: 4 }),
      fields: {
        attributes: V.attributes(),
        csat: V.score(5),
        productTeam: V.scoredNotes(),
        recommendation: V.choice(),
        submit: V.bool(),
      },
      // An empty save is a draft with nothing in it yet, not a mistake.
      emptyIsBad: false,
    },
  },
  'GET /api/sessions/:id/ratings': {
    caller: asInterviewer,
    path: (c) => `/api/sessions/${c.endedSessionId}/ratings`,
    params: uuidParam('/api/sessions/', '/ratings'),
  },
  'GET /api/sessions/:id/metrics': {
    caller: asInterviewer,
    path: (c) => `/api/sessions/${c.liveSessionId}/metrics`,
    params: uuidParam('/api/sessions/', '/metrics'),
  },
  'POST /api/candidates/:id/shadow-links': {
    caller: asInterviewer,
    path: (c) => `/api/candidates/${c.candidateId}/shadow-links`,
    params: uuidParam('/api/candidates/', '/shadow-links'),
    body: {
      valid: () => ({ hostName: 'Sam Host' }),
      fields: { hostName: V.text(100) },
      emptyIsBad: true,
    },
  },
  'GET /api/shadow-feedback': { caller: (c) => c.shadowToken, path: fixed('/api/shadow-feedback') },
  'PUT /api/shadow-feedback': {
    caller: (c) => c.shadowToken,
    path: fixed('/api/shadow-feedback'),
    body: {
      valid: shadowAnswers,
      fields: {
        learning: V.scoredNotes(),
        understanding: V.scoredNotes(),
        engagement: V.scoredNotes(),
      },
      emptyIsBad: true,
    },
  },
  'GET /api/candidates/:id/scorecard': {
    caller: asManager,
    path: (c) => `/api/candidates/${c.candidateId}/scorecard`,
    params: uuidParam('/api/candidates/', '/scorecard'),
  },
  'GET /api/scorecards/compare': {
    caller: asManager,
    path: fixed('/api/scorecards/compare'),
    query: {
      valid: (c) => ({ candidates: c.candidateId }),
      fields: { candidates: Q.uuidList(), blind: Q.word(), format: Q.word() },
    },
  },
  'GET /api/sessions.csv': {
    caller: asManager,
    path: fixed('/api/sessions.csv'),
    query: {
      valid: (c) => ({ openingId: c.openingId }),
      fields: { openingId: Q.uuid(), blind: Q.word() },
    },
  },
  'GET /login': { caller: () => undefined, path: fixed('/login'), page: true },
  'GET /': {
    caller: asInterviewer,
    path: fixed('/'),
    page: true,
    query: { valid: () => ({}), fields: { candidates: Q.cursor(), finished: Q.cursor() } },
  },
  'GET /sessions/:id': {
    caller: asInterviewer,
    path: (c) => `/sessions/${c.liveSessionId}`,
    params: uuidParam('/sessions/'),
    page: true,
  },
  'GET /candidates/:id': {
    caller: asManager,
    path: (c) => `/candidates/${c.candidateId}`,
    params: uuidParam('/candidates/'),
    page: true,
  },
  'GET /candidates/:id/sessions/:sessionId/transcript': {
    caller: asManager,
    path: (c) => `/candidates/${c.endedCandidateId}/sessions/${c.endedSessionId}/transcript`,
    params: [
      {
        name: 'id',
        kind: 'uuid',
        path: (c, s) => `/candidates/${s}/sessions/${c.endedSessionId}/transcript`,
      },
      {
        name: 'sessionId',
        kind: 'uuid',
        path: (c, s) => `/candidates/${c.endedCandidateId}/sessions/${s}/transcript`,
      },
    ],
    query: { valid: () => ({ notes: 'true' }), fields: { notes: Q.flag() } },
    page: true,
  },
  'GET /compare': { caller: asManager, path: fixed('/compare'), page: true },
  'GET /join/:token': {
    caller: () => undefined,
    path: (c) => `/join/${c.candidateToken}`,
    params: [{ name: 'token', kind: 'token', path: (_c, s) => `/join/${s}` }],
    page: true,
  },
  'GET /shadow/:token': {
    caller: () => undefined,
    path: (c) => `/shadow/${c.shadowToken}`,
    params: [{ name: 'token', kind: 'token', path: (_c, s) => `/shadow/${s}` }],
    page: true,
  },
  'GET /scenarios': { caller: asInterviewer, path: fixed('/scenarios'), page: true },
  'GET /scenarios/:id': {
    caller: asInterviewer,
    path: fixed(`/scenarios/${SCENARIO}`),
    params: [{ name: 'id', kind: 'slug', path: (_c, s) => `/scenarios/${s}` }],
    page: true,
  },
  'GET /users': { caller: asAdmin, path: fixed('/users'), page: true },
};

interface HttpCase {
  name: string;
  route: string;
  expected: HttpExpected;
  build: (c: Context) => RawRequest;
  /** Answers an HTML page (pages, assets) rather than the API's JSON. */
  page: boolean;
  /** The route's own setup for this case; `null` for none. */
  prepare: Route['prepare'] | null;
  /** The answer must not contain this (assets: the file a traversal reached). */
  mustNotContain?: string;
}

const json = (value: unknown) => toJson(value);
const queryString = (parts: string[]) => (parts.length ? `?${parts.join('&')}` : '');
const encodeValid = (valid: Record<string, string>, except?: string) =>
  Object.entries(valid)
    .filter(([name]) => name !== except)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`);

function httpCases(): HttpCase[] {
  const cases: HttpCase[] = [];
  for (const [route, spec] of Object.entries(ROUTES)) {
    const [method] = route.split(' ');
    const add = (
      what: string,
      expected: HttpExpected,
      make: (c: Context) => Pick<RawRequest, 'body' | 'headers'>,
    ) =>
      cases.push({
        name: `${route}: ${what}`,
        route,
        expected,
        page: spec.page ?? false,
        prepare: spec.prepare ?? null,
        build: (c) => {
          const validQuery = spec.query ? queryString(encodeValid(spec.query.valid(c))) : '';
          return {
            method,
            token: spec.caller(c),
            path: `${spec.path(c)}${validQuery}`,
            ...make(c),
          };
        },
      });
    const validBody = (c: Context) => (spec.body ? spec.body.valid(c) : {});

    // The request itself: whatever the route, a body the server cannot read is refused.
    add('a body of malformed JSON', 400, (c) => ({ body: `${json(validBody(c)).slice(0, -1)},` }));
    add('a JSON body over 100 KB', 413, (c) => ({
      body: json({ ...validBody(c), padding: long(101 * 1024) }),
    }));
    add('Content-Encoding: gzip with a body that is not gzip', 400, (c) => ({
      body: json(validBody(c)),
      headers: { 'content-encoding': 'gzip' },
    }));
    add('an unknown Content-Encoding', 415, (c) => ({
      body: json(validBody(c)),
      headers: { 'content-encoding': 'compress' },
    }));
    add('JSON in an unknown charset', 415, (c) => ({
      body: json(validBody(c)),
      headers: { 'content-type': 'application/json; charset=x-klingon' },
    }));

    if (spec.body) {
      const body = spec.body;
      const [firstField] = Object.keys(body.fields);
      add('an unsupported content type (text/plain)', '4xx', (c) => ({
        body: json(body.valid(c)),
        headers: { 'content-type': 'text/plain' },
      }));
      add('an unsupported content type (application/xml)', '4xx', () => ({
        body: '<candidate><name>x</name></candidate>',
        headers: { 'content-type': 'application/xml' },
      }));
      if (body.emptyIsBad) add('an empty body with a JSON content type', 400, () => ({ body: '' }));
      const whole: Array<[string, (c: Context) => string]> = [
        ['the body null', () => 'null'],
        ['the body "text"', () => '"text"'],
        ['the body 123', () => '123'],
        ['the body true', () => 'true'],
        ['the body []', () => '[]'],
        ['the body a list of the valid body', (c) => json([body.valid(c)])],
        ['the body a 20,000-deep array', () => json(DEEP_ARRAY)],
        ['the body a 5,000-deep object', () => json(DEEP_OBJECT)],
        [
          'the valid body with a __proto__ key',
          (c) => json(withKey(body.valid(c), '__proto__', POLLUTION)),
        ],
        [
          'the valid body with a constructor key',
          (c) => json(withKey(body.valid(c), 'constructor', { prototype: POLLUTION })),
        ],
        [
          'the valid body with a prototype key',
          (c) => json(withKey(body.valid(c), 'prototype', POLLUTION)),
        ],
        ['the valid body with an unknown field', (c) => json({ ...body.valid(c), extra: 'x' })],
        ['the valid body with a toString field', (c) => json({ ...body.valid(c), toString: 'x' })],
        [
          `${firstField} a 20,000-deep array`,
          (c) => json({ ...body.valid(c), [firstField]: DEEP_ARRAY }),
        ],
        [
          `${firstField} a 5,000-deep object`,
          (c) => json({ ...body.valid(c), [firstField]: DEEP_OBJECT }),
        ],
      ];
      if (body.emptyIsBad) whole.push(['the body {}', () => '{}']);
      for (const [what, text] of whole) add(what, 400, (c) => ({ body: text(c) }));
      add(`${firstField} a 1 MB string`, 413, (c) => ({
        body: json({ ...body.valid(c), [firstField]: MEGABYTE }),
      }));
      for (const [field, values] of Object.entries(body.fields)) {
        for (const [label, value, expected] of values) {
          add(`body.${field} = ${label}`, expected, (c) => ({
            body: json({ ...body.valid(c), [field]: value }),
          }));
        }
      }
    }

    if (spec.query) {
      const query = spec.query;
      for (const [field, values] of Object.entries(query.fields)) {
        for (const [label, make, expected] of values) {
          cases.push({
            name: `${route}: ?${field}= ${label}`,
            route,
            expected,
            page: spec.page ?? false,
            prepare: spec.prepare ?? null,
            build: (c) => ({
              method,
              token: spec.caller(c),
              path: `${spec.path(c)}${queryString([...encodeValid(query.valid(c), field), make(field)])}`,
            }),
          });
        }
      }
    }

    for (const param of spec.params ?? []) {
      const values: PathBad[] = PATH_VALUES[param.kind]();
      for (const [label, segment, expected] of values) {
        cases.push({
          name: `${route}: :${param.name} = ${label}`,
          route,
          expected,
          page: spec.page ?? false,
          prepare: spec.prepare ?? null,
          build: (c) => ({
            method,
            token: spec.caller(c),
            path: param.path(c, segment),
            ...(spec.body && { body: json(spec.body.valid(c)) }),
          }),
        });
      }
    }
  }

  // Static files: a traversal out of apps/server/public must not reach a file.
  for (const [label, path] of [
    ['..%2F..%2Fpackage.json', '/assets/..%2F..%2Fpackage.json'],
    ['%2e%2e%2f%2e%2e%2fpackage.json', '/assets/%2e%2e%2f%2e%2e%2fpackage.json'],
    ['..%252F..%252Fpackage.json', '/assets/..%252F..%252Fpackage.json'],
    ['..%5C..%5Cpackage.json', '/assets/..%5C..%5Cpackage.json'],
    ['a literal ../../package.json', '/assets/../../package.json'],
    ['%00', '/assets/%00'],
    ['a file name and %00', '/assets/css/app.css%00.js'],
    ['invalid UTF-8 (%FF)', '/assets/%FF'],
  ] as const) {
    cases.push({
      name: `GET /assets/*: ${label}`,
      route: 'GET /assets/*',
      expected: '4xx',
      page: true,
      prepare: null,
      build: (c) => ({ method: 'GET', token: c.interviewer.token, path }),
      mustNotContain: '"dependencies"',
    });
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------
// Socket events

type Side = 'interviewer' | 'candidate';
const NO_PAYLOAD = Symbol('no payload');

interface EventSpec {
  sides: Side[];
  valid: () => Record<string, unknown>;
  fields: Record<string, SocketBad[]>;
  required: string[];
  /** A text field to send 1 MB in. */
  bigText?: string;
}

const clientId = () => randomUUID();
const EVENTS: Record<string, EventSpec> = {
  'session:start': {
    sides: ['interviewer'],
    valid: () => ({ clientId: clientId() }),
    fields: { clientId: S.clientIdBrief() },
    required: ['clientId'],
  },
  'chat:send': {
    sides: ['interviewer', 'candidate'],
    valid: () => ({ clientId: clientId(), text: 'Hello there' }),
    fields: { clientId: S.clientId(), text: S.text(4000), beatId: S.id(), applyAnger: S.bool() },
    required: ['clientId', 'text'],
    bigText: 'text',
  },
  typing: {
    sides: ['interviewer', 'candidate'],
    valid: () => ({ typing: true }),
    fields: { typing: S.bool() },
    required: ['typing'],
  },
  'anger:set': {
    sides: ['interviewer'],
    valid: () => ({ clientId: clientId(), level: 5 }),
    fields: { clientId: S.clientIdBrief(), level: S.int(0, 10) },
    required: ['clientId', 'level'],
  },
  'checkpoint:hit': {
    sides: ['interviewer'],
    valid: () => ({ clientId: clientId(), checkpointId: 'acknowledge' }),
    fields: { clientId: S.clientIdBrief(), checkpointId: S.id() },
    required: ['clientId', 'checkpointId'],
  },
  'checkpoint:clear': {
    sides: ['interviewer'],
    valid: () => ({ clientId: clientId(), checkpointId: 'acknowledge' }),
    fields: { clientId: S.clientIdBrief(), checkpointId: S.id() },
    required: ['clientId', 'checkpointId'],
  },
  'note:add': {
    sides: ['interviewer'],
    valid: () => ({ clientId: clientId(), text: 'Apologised first' }),
    fields: { clientId: S.clientIdBrief(), text: S.text(4000) },
    required: ['clientId', 'text'],
    bigText: 'text',
  },
  'session:solve': {
    sides: ['interviewer'],
    valid: () => ({ clientId: clientId() }),
    fields: { clientId: S.clientIdBrief() },
    required: ['clientId'],
  },
  'help:search': {
    sides: ['candidate'],
    valid: () => ({ clientId: clientId(), query: 'refund' }),
    fields: { clientId: S.clientIdBrief(), query: S.text(200) },
    required: ['clientId', 'query'],
    bigText: 'query',
  },
  'help:open': {
    sides: ['candidate'],
    valid: () => ({ clientId: clientId(), articleId: 'refund-timing' }),
    fields: { clientId: S.clientIdBrief(), articleId: S.id() },
    required: ['clientId', 'articleId'],
  },
  'help:close': {
    sides: ['candidate'],
    valid: () => ({ clientId: clientId(), articleId: 'refund-timing' }),
    fields: { clientId: S.clientIdBrief(), articleId: S.id() },
    required: ['clientId', 'articleId'],
  },
  'desk:view': {
    sides: ['candidate'],
    valid: () => ({ clientId: clientId(), recordId: 'payments' }),
    fields: { clientId: S.clientIdBrief(), recordId: S.id() },
    required: ['clientId', 'recordId'],
  },
  'desk:act': {
    sides: ['candidate'],
    valid: () => ({
      clientId: clientId(),
      actionId: 'goodwill-credit',
      input: { amount: 10, reason: 'Sorry' },
    }),
    fields: { clientId: S.clientId(), actionId: S.id() },
    required: ['clientId', 'actionId', 'input'],
  },
  'desk:email': {
    sides: ['candidate'],
    valid: () => ({ clientId: clientId(), subject: 'Your refund', body: 'It is on its way.' }),
    fields: { clientId: S.clientIdBrief(), subject: S.text(200), body: S.text(4000) },
    required: ['clientId', 'subject', 'body'],
    bigText: 'body',
  },
  'desk:report': {
    sides: ['candidate'],
    valid: () => ({
      clientId: clientId(),
      title: 'Charged ten times',
      body: 'One order, ten payments.',
    }),
    fields: {
      clientId: S.clientIdBrief(),
      title: S.text(200),
      body: S.text(4000),
      steps: S.text(4000),
      impact: S.text(4000),
      customersAffected: S.text(4000),
      suggestion: S.text(4000),
    },
    required: ['clientId', 'title', 'body'],
    bigText: 'body',
  },
  attention: {
    sides: ['candidate'],
    valid: () => ({ clientId: clientId(), kind: 'away' }),
    fields: { clientId: S.clientIdBrief(), kind: S.choice() },
    required: ['clientId', 'kind'],
  },
  sync: {
    sides: ['interviewer', 'candidate'],
    valid: () => ({ afterSeq: 0 }),
    fields: { afterSeq: S.int(0, 2 ** 31 - 1) },
    required: ['afterSeq'],
  },
  // Last: a wrongly accepted end would end the role-play every other case runs in.
  'session:end': {
    sides: ['interviewer'],
    valid: () => ({ clientId: clientId(), reason: 'Done' }),
    fields: { clientId: S.clientIdBrief(), reason: S.text(500, { blankAllowed: true }) },
    required: ['clientId'],
  },
};

interface SocketCase {
  name: string;
  side: Side;
  event: string;
  payload: () => unknown;
  expected: SocketExpected;
  /** Written on the wire by hand: names socket.io-client refuses to send. */
  raw?: boolean;
  /** Sent on a connection of its own, which the server may close (messages over 32,384 bytes). */
  mayClose?: boolean;
  /** After it, the same connection must still answer. */
  stillAnswers?: boolean;
}

function socketCases(): SocketCase[] {
  const cases: SocketCase[] = [];
  for (const [event, spec] of Object.entries(EVENTS)) {
    for (const side of ['interviewer', 'candidate'] as const) {
      const prefix = `${side} → ${event}`;
      const add = (what: string, payload: () => unknown, expected: SocketExpected, more = {}) =>
        cases.push({ name: `${prefix}: ${what}`, side, event, payload, expected, ...more });
      const [firstText] = Object.entries(spec.fields).find(([, values]) =>
        values.some(([label]) => label.startsWith('a NUL')),
      ) ?? ['clientId'];

      if (!spec.sides.includes(side)) {
        // Not this side's event: refused whatever the payload, and never with `internal`.
        add('the valid payload, from the wrong side', spec.valid, {});
        add('no payload, from the wrong side', () => NO_PAYLOAD, {});
        add('the payload "text", from the wrong side', () => 'text', {});
        add('a 5,000-deep object, from the wrong side', () => SOCKET_DEEP_OBJECT, {});
        add(
          `${firstText} with a NUL byte, from the wrong side`,
          () => ({ ...spec.valid(), [firstText]: NUL }),
          {},
        );
        continue;
      }

      const invalid = { code: 'invalid' };
      add('no payload', () => NO_PAYLOAD, invalid);
      add('the payload null', () => null, invalid);
      add('the payload "text"', () => 'text', invalid);
      add('the payload 42', () => 42, invalid);
      add('the payload true', () => true, invalid);
      add('the payload []', () => [], invalid);
      add('the payload a list of the valid payload', () => [spec.valid()], invalid);
      add('the payload a 15,000-deep array', () => SOCKET_DEEP_ARRAY, invalid);
      add('the payload a 5,000-deep object', () => SOCKET_DEEP_OBJECT, {
        code: 'invalid',
        field: 'a',
      });
      add('an unknown field', () => ({ ...spec.valid(), extra: 'x' }), {
        code: 'invalid',
        field: 'extra',
      });
      for (const key of ['__proto__', 'constructor', 'prototype', 'toString']) {
        add(`a ${key} field`, () => withKey(spec.valid(), key, POLLUTION), {
          code: 'invalid',
          field: key,
        });
      }
      add('the payload a 20,000-deep array (40 KB)', () => DEEP_ARRAY, {}, { mayClose: true });
      if (spec.bigText) {
        add(
          `${spec.bigText} a 1 MB string`,
          () => ({ ...spec.valid(), [spec.bigText!]: MEGABYTE }),
          {},
          { mayClose: true },
        );
      }
      for (const field of spec.required) {
        add(
          `${field} missing`,
          () => {
            const payload = spec.valid();
            delete payload[field];
            return payload;
          },
          { code: 'invalid', field },
        );
      }
      for (const [field, values] of Object.entries(spec.fields)) {
        for (const [label, value, expected] of values) {
          add(`${field} = ${label}`, () => ({ ...spec.valid(), [field]: value }), {
            ...expected,
            field,
          });
        }
      }
      if (event === 'desk:act') {
        for (const [label, actionId, input] of DESK_INPUTS) {
          add(
            `${label} (${actionId})`,
            () => {
              const payload: Record<string, unknown> = { ...spec.valid(), actionId, input };
              if (input === undefined) delete payload.input;
              return payload;
            },
            { code: 'invalid', field: 'input*' },
          );
        }
      }
    }
  }
  // The last cases of all are session:end's; unknown and reserved names go before them.
  const endAt = cases.findIndex((kase) => kase.event === 'session:end');
  const names: SocketCase[] = [];
  for (const side of ['interviewer', 'candidate'] as const) {
    for (const name of [
      'nope',
      'Chat:Send',
      'chat:send ',
      '',
      'a\u0000b',
      LONE_HIGH,
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      long(5000),
    ]) {
      names.push({
        name: `${side} → an unknown event ${JSON.stringify(name.length > 40 ? `${name.slice(0, 10)}… (${name.length} characters)` : name)}`,
        side,
        event: name,
        payload: () => ({ clientId: randomUUID(), text: 'hi' }),
        expected: { code: 'unknown-event' },
      });
    }
    // socket.io-client refuses to send these names, a hand-written packet does not.
    for (const name of [
      'disconnect',
      'disconnecting',
      'connect',
      'error',
      'newListener',
      'removeListener',
    ]) {
      names.push({
        name: `${side} → the reserved event name "${name}", written by hand`,
        side,
        event: name,
        payload: () => ({ clientId: randomUUID() }),
        expected: {},
        raw: true,
        mayClose: true,
        stillAnswers: true,
      });
    }
  }
  cases.splice(endAt, 0, ...names);
  return cases;
}

interface Answer {
  ack?: unknown;
  closed?: string;
}

let rawAckId = 1_000_000;

/** Emits with an acknowledgement; a closed connection is an answer too. */
function emit(
  client: RoleplayClient,
  kase: Pick<SocketCase, 'event' | 'raw'>,
  payload: unknown,
  timeoutMs = 5_000,
): Promise<Answer> {
  const { socket } = client;
  return new Promise<Answer>((resolve, reject) => {
    let ackId: number | undefined;
    const onPacket = (packet: { type: number; nsp: string; id?: number; data?: unknown[] }) => {
      if (packet.type === 3 && packet.nsp === NAMESPACE && packet.id === ackId) {
        finish({ ack: packet.data?.[0] });
      }
    };
    const onClose = (reason: string) => finish({ closed: reason });
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new Error(`no acknowledgement within ${timeoutMs} ms and the connection is still open`),
      );
    }, timeoutMs);
    function cleanup() {
      clearTimeout(timer);
      socket.off('disconnect', onClose);
      socket.io.off('packet', onPacket);
    }
    function finish(answer: Answer) {
      cleanup();
      resolve(answer);
    }
    socket.on('disconnect', onClose);
    if (kase.raw || containsRaw(payload)) {
      ackId = rawAckId++;
      socket.io.on('packet', onPacket);
      const args = payload === NO_PAYLOAD ? [kase.event] : [kase.event, payload];
      // A socket.io EVENT packet (type 2) with an ack id; engine.io adds its own message type (4).
      socket.io.engine.write(`2${NAMESPACE},${ackId}${toJson(args)}`);
    } else if (payload === NO_PAYLOAD) {
      socket.emit(kase.event, (ack: unknown) => finish({ ack }));
    } else {
      socket.emit(kase.event, payload, (ack: unknown) => finish({ ack }));
    }
  });
}

/** `field` names `expected`, or a place inside it (`text[0]`, `clientId.a`). */
function fieldMatches(expected: string, field: unknown): boolean {
  if (typeof field !== 'string') return false;
  if (expected.endsWith('*')) return field.startsWith(expected.slice(0, -1));
  return field === expected || field.startsWith(`${expected}.`) || field.startsWith(`${expected}[`);
}

function ackProblems(answer: Answer, kase: Pick<SocketCase, 'expected' | 'mayClose'>): string[] {
  if (answer.closed !== undefined) {
    return kase.mayClose ? [] : [`the server closed the connection (${answer.closed})`];
  }
  const ack = answer.ack as Ack | undefined;
  if (!ack || typeof ack !== 'object') return ['the acknowledgement is not an object'];
  const problems: string[] = [];
  const { code, field, message } = ack.error ?? ({} as Partial<NonNullable<Ack['error']>>);
  if (ack.ok !== false) problems.push('it was accepted (ok is not false)');
  else if (typeof code !== 'string') problems.push('no error.code');
  else {
    if (code === 'internal') problems.push('error.code is internal');
    else if (kase.expected.code && code !== kase.expected.code) {
      problems.push(`error.code is ${code}, expected ${kase.expected.code}`);
    }
    if (code === 'invalid' && kase.expected.field && !fieldMatches(kase.expected.field, field)) {
      problems.push(`error.field is ${JSON.stringify(field)}, expected ${kase.expected.field}`);
    }
    if (typeof message !== 'string') problems.push('no error.message');
  }
  problems.push(...leaksIn(JSON.stringify(ack)));
  return problems;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The role-play's connections, one per token, each token and the role-play kept under the
 * gateway's event limits. Every event a case sends goes through `slot`.
 */
class Pacer {
  private sessionSent: number[] = [];
  private readonly members: Record<
    Side,
    Array<{ client: RoleplayClient; token: string; sent: number[] }>
  > = { interviewer: [], candidate: [] };

  constructor(private readonly reconnect: (side: Side, token: string) => Promise<RoleplayClient>) {}

  add(side: Side, token: string, client: RoleplayClient): void {
    this.members[side].push({ client, token, sent: [] });
  }

  /** Waits until the role-play may take one more event, and counts it. */
  async slot(): Promise<void> {
    for (;;) {
      const now = Date.now();
      this.sessionSent = this.sessionSent.filter((at) => now - at < WINDOW_MS);
      if (this.sessionSent.length < PER_SESSION) {
        this.sessionSent.push(now);
        return;
      }
      await sleep(WINDOW_MS - (now - this.sessionSent[0]));
    }
  }

  /** The connection of `side` whose token sent least lately, once it may send one more. */
  async next(side: Side): Promise<RoleplayClient> {
    for (;;) {
      const now = Date.now();
      const members = this.members[side];
      for (const member of members) member.sent = member.sent.filter((at) => now - at < WINDOW_MS);
      const member = members.reduce((a, b) => (a.sent.length <= b.sent.length ? a : b));
      // Closed by an earlier case, which reported it: the same token connects again.
      if (!member.client.socket.connected) member.client = await this.reconnect(side, member.token);
      if (member.sent.length < PER_TOKEN) {
        member.sent.push(now);
        await this.slot();
        return member.client;
      }
      await sleep(WINDOW_MS - (now - member.sent[0]));
    }
  }

  close(): void {
    for (const side of ['interviewer', 'candidate'] as const) {
      this.members[side].splice(0).forEach(({ client }) => client.close());
    }
  }
}

// ---------------------------------------------------------------------------------------------

const HTTP_CASES = httpCases();
const SOCKET_CASES = socketCases();

describe(`the bad-input corpus (${databaseKind} database)`, () => {
  let database: TestDatabase;
  let testApp: TestApp;
  let context: Context;
  let baseline: Record<string, string>;
  /** The live role-plays, each with its connections; socket case i runs in scene i % SCENES. */
  const scenes: Array<{ sessionId: string; pacer: Pacer }> = [];
  const strays: RoleplayClient[] = [];

  /** A token of its own for `side` (a login, or another candidate link to the same role-play). */
  async function newToken(side: Side, sessionId: string): Promise<string> {
    if (side === 'interviewer') return staffToken(context.app, context.interviewer);
    return (await issueLink(context.app, 'candidate', sessionId)).token;
  }

  async function connect(side: Side, token: string, sessionId: string): Promise<RoleplayClient> {
    const client = await RoleplayClient.connect(
      testApp.url,
      side === 'interviewer' ? { token, sessionId } : { token },
    );
    strays.push(client);
    return client;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    // One trusted proxy hop, so that each request may come from an address of its own.
    testApp = await startTestApp({ ...database.environment, TRUST_PROXY_HOPS: '1' });
    const { app } = testApp;
    const interviewer = await signedInStaff(app, 'interviewer');
    const candidate = await createCandidate(app, interviewer);
    const opening = await app
      .get(DataSource)
      .getRepository(Opening)
      .save({ title: 'Support agent', scenarioIds: [SCENARIO], weights: null, createdById: null });
    const live = await scheduleSession(app, interviewer, SCENARIO);
    const ended = await endedSession(testApp, interviewer, SCENARIO);
    const shadow = await shadowLink(app, interviewer);
    const scheduled = await scheduleSession(app, interviewer, SCENARIO);
    const otherHost = await app
      .get(ShadowingService)
      .createLink(principalOf(interviewer), shadow.candidate.id, 'Another Host');
    context = {
      app,
      url: testApp.url,
      admin: await signedInStaff(app, 'admin'),
      manager: await signedInStaff(app, 'manager'),
      interviewer,
      patchee: await createStaff(app, 'interviewer'),
      candidateId: candidate.id,
      openingId: opening.id,
      scheduledSessionId: scheduled.id,
      scheduledCandidateToken: scheduled.candidateToken,
      endedSessionId: ended.id,
      endedCandidateId: ended.candidate!.id,
      liveSessionId: live.id,
      candidateToken: (live as { candidateToken: string }).candidateToken,
      shadowToken: shadow.token,
      shadowLinkId: otherHost.id,
    };
    for (let index = 0; index < SCENES; index += 1) {
      const sessionId =
        index === 0 ? live.id : (await scheduleSession(app, interviewer, SCENARIO)).id;
      const pacer = new Pacer((side, token) => connect(side, token, sessionId));
      for (const side of ['interviewer', 'candidate'] as const) {
        for (let i = 0; i < TOKENS_PER_SIDE; i += 1) {
          const token = await newToken(side, sessionId);
          pacer.add(side, token, await connect(side, token, sessionId));
        }
      }
      const started = await (await pacer.next('interviewer')).act('session:start');
      if (!started.ok) throw new Error(`session:start failed: ${JSON.stringify(started.error)}`);
      scenes.push({ sessionId, pacer });
    }
    await prepareFingerprint(app);
    baseline = await fingerprint(app);
  });

  afterAll(async () => {
    scenes.forEach(({ pacer }) => pacer.close());
    strays.splice(0).forEach((client) => client.close());
    await testApp?.close();
    await database?.drop();
  });

  /** Runs `work` as one case: no table may change and no prototype may be polluted. */
  async function measured<T>(
    work: () => Promise<T>,
  ): Promise<{ result: T; changed: string[]; polluted: string[] }> {
    const result = await work();
    const after = await fingerprint(context.app);
    const changed = changedTables(baseline, after);
    baseline = after;
    return { result, changed, polluted: pollutedPrototype() };
  }

  it('has cases for every HTTP route the app serves', () => {
    type Layer = { route?: { path: string; methods: Record<string, boolean> } };
    const router = (testApp.app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } })
      .router;
    const isMiddleware = (methods: Record<string, boolean>) =>
      METHODS.every((method) => methods[method.toLowerCase()]);
    const served = router.stack.flatMap(({ route }) =>
      route && !isMiddleware(route.methods)
        ? Object.keys(route.methods).map((method) => `${method.toUpperCase()} ${route.path}`)
        : [],
    );
    expect(served.sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it('has cases for every socket event the gateway handles', () => {
    const source = readFileSync(
      join(__dirname, '../libs/roleplay/src/roleplay.gateway.ts'),
      'utf8',
    );
    const handled = [...source.matchAll(/@SubscribeMessage\('([^']+)'\)/g)].map((m) => m[1]);
    expect(handled.sort()).toEqual(Object.keys(EVENTS).sort());
    expect(HTTP_CASES.length + SOCKET_CASES.length).toBeGreaterThanOrEqual(300);
  });

  describe('HTTP', () => {
    it.each(HTTP_CASES.map((kase) => [kase.name, kase] as const))('%s', async (_name, kase) => {
      if (kase.prepare) {
        context.fresh = await kase.prepare(context);
        baseline = await fingerprint(context.app);
      }
      const {
        result: response,
        changed,
        polluted,
      } = await measured(() => send(context.url, kase.build(context)));
      // A password change that went through: the next case needs an account it knows.
      if (kase.route === 'POST /api/auth/password' && response.status < 300) {
        context.passwordAccount = undefined;
      }
      const problems = [
        ...httpProblems(response, kase.expected, kase.page ? 'page' : 'api'),
        ...(kase.mustNotContain && response.text.includes(kase.mustNotContain)
          ? ['the answer is the file the path reached']
          : []),
        ...changed.map((table) => `table ${table} changed`),
        ...polluted.map((key) => `Object.prototype.${key} was set`),
      ];
      expect({ status: response.status, answer: excerpt(response.text), problems }).toEqual({
        status: response.status,
        answer: excerpt(response.text),
        problems: [],
      });
    });

    it('POST /api/auth/login: a flood of 25 bad bodies from one address gets 4xx (400 or 429), never a 5xx', async () => {
      const address = '192.0.2.77';
      const { result: responses, changed } = await measured(() =>
        Promise.all(
          Array.from({ length: 25 }, () =>
            send(context.url, {
              method: 'POST',
              path: '/api/auth/login',
              headers: { 'x-forwarded-for': address },
              body: json({ email: `flood-${randomUUID()}@example.com`, password: 123 }),
            }),
          ),
        ),
      );
      const problems = responses.flatMap((response, index) =>
        httpProblems(response, '4xx', 'api').map((problem) => `#${index + 1}: ${problem}`),
      );
      const statuses = [...new Set(responses.map((r) => r.status))].sort();
      expect({
        problems,
        changed,
        unexpected: statuses.filter((s) => s !== 400 && s !== 429),
      }).toEqual({ problems: [], changed: [], unexpected: [] });
    });
  });

  describe('sockets', () => {
    it.each(SOCKET_CASES.map((kase, index) => [kase.name, kase, index] as const))(
      '%s',
      async (_name, kase, index) => {
        const { sessionId, pacer } = scenes[index % SCENES];
        let client: RoleplayClient;
        if (kase.mayClose) {
          // A connection of its own, which the case may cost; its token is made before the baseline.
          client = await connect(kase.side, await newToken(kase.side, sessionId), sessionId);
          baseline = await fingerprint(context.app);
          await pacer.slot();
        } else {
          client = await pacer.next(kase.side);
        }
        const {
          result: answer,
          changed,
          polluted,
        } = await measured(() => emit(client, kase, kase.payload()));
        const problems = [
          ...ackProblems(answer, kase),
          ...changed.map((table) => `table ${table} changed`),
          ...polluted.map((key) => `Object.prototype.${key} was set`),
        ];
        if (kase.stillAnswers && client.socket.connected) {
          await pacer.slot();
          const sync: Answer = await emit(client, { event: 'sync' }, { afterSeq: 0 }, 2_000).catch(
            (error: Error) => ({ closed: error.message }),
          );
          if (!(sync.ack as Ack | undefined)?.ok) {
            problems.push(`afterwards the connection no longer answers: ${JSON.stringify(sync)}`);
          }
        }
        if (kase.mayClose) client.close();
        expect({ answer: excerpt(JSON.stringify(answer)), problems }).toEqual({
          answer: excerpt(JSON.stringify(answer)),
          problems: [],
        });
      },
    );

    it.each(['interviewer', 'candidate'] as const)(
      '%s → chat:send: a flood of 60 texts with a NUL byte on one connection is refused, never with internal',
      async (side) => {
        const { sessionId } = scenes[0];
        const client = await connect(side, await newToken(side, sessionId), sessionId);
        baseline = await fingerprint(context.app);
        const { result: answers, changed } = await measured(() =>
          Promise.all(
            Array.from({ length: 60 }, () =>
              emit(client, { event: 'chat:send' }, { clientId: randomUUID(), text: NUL }),
            ),
          ),
        );
        client.close();
        const problems = answers.flatMap((answer, index) =>
          ackProblems(answer, { expected: {} }).map((problem) => `#${index + 1}: ${problem}`),
        );
        expect({ problems, changed }).toEqual({ problems: [], changed: [] });
        // The flood spent the role-play's budget too: let it refill before what follows.
        await sleep(WINDOW_MS);
      },
    );
  });

  it('no table changes after the corpus either (no late writes)', async () => {
    await sleep(500);
    expect(changedTables(baseline, await fingerprint(context.app))).toEqual([]);
    expect(pollutedPrototype()).toEqual([]);
  });

  it('still runs the role-plays the cases were sent to', async () => {
    for (const { pacer } of scenes) {
      const sync = await emit(await pacer.next('candidate'), { event: 'sync' }, { afterSeq: 0 });
      expect((sync.ack as Ack).ok).toBe(true);
    }
  });
});

function principalOf(staff: TestStaff): StaffPrincipal {
  return {
    kind: 'staff',
    user: { id: staff.id, email: staff.email, name: 'Test', role: staff.role },
    loginId: randomUUID(),
    expiresAt: new Date(Date.now() + 60_000),
    csrfToken: '',
  };
}
