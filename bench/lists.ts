/**
 * npm run bench:lists [-- --sessions 10000 --interviewers 50 --openings 12 --runs 200 --explain]
 *   [--server dist|sources]
 *
 * Seeds a fresh database on the PostgreSQL server with SQL: `interviewers` interviewers and a
 * manager, `openings` openings, a candidate for every 2 sessions, and `sessions` role-plays spread
 * over a year and over the interviewers (some busier than others), in the mix a running Hotseat has
 * (mostly ended, some cancelled, the recent ones scheduled, a few live), with who interviews whom
 * and a short log each. Then, logged in through the login API as the busiest and the quietest
 * interviewer and as the manager, it times over HTTP the dashboard (`GET /`) and the pages its
 * "older" links lead to, and, in an app of the same sources booted in this process, the page model
 * (StaffPagesController.dashboard) and each SQL statement it runs: p50/p95/p99/max of `runs` calls
 * after 10 unmeasured ones, against the target of a p95 under 150 ms. `--explain` prints the plan
 * (EXPLAIN ANALYZE) of every statement. The server runs from dist/ when there is one (`--server`
 * chooses), else from the sources through ts-node; in its own process either way.
 */
import type { Request } from 'express';
import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { EVENT } from '@hotseat/events';
import { AuthService, type StaffPrincipal } from '@hotseat/identity';
import { SessionFiguresService } from '@hotseat/scorecards';
import { StaffPagesController } from '../apps/server/src/pages/staff-pages.controller';
import { freePort, ServerProcess } from '../test/support/server-process';
import { startTestApp, type TestApp } from '../test/support/test-app';
import { withServer } from '../test/support/test-database';
import { BENCH_ADMIN, createBenchDatabase, positive } from './support';

const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '10000' },
    interviewers: { type: 'string', default: '50' },
    openings: { type: 'string', default: '12' },
    runs: { type: 'string', default: '200' },
    server: { type: 'string' },
    explain: { type: 'boolean', default: false },
  },
});
const SESSIONS = positive('sessions', values.sessions);
const INTERVIEWERS = positive('interviewers', values.interviewers);
const OPENINGS = positive('openings', values.openings);
const RUNS = positive('runs', values.runs);
const CANDIDATES = Math.ceil(SESSIONS / 2);
const WARM_UP = 10;
const TARGET_P95_MS = 150;
const ADMIN = BENCH_ADMIN;
const STAFF_PASSWORD = 'a long staff password';
const INTERVIEWER_EMAIL = 'interviewer1@example.com';
const MANAGER_EMAIL = 'manager@example.com';

// The built server, as the other benches run it (npm run bench:lists builds first); without a dist/,
// the same main.ts from the sources through ts-node, in its own process all the same.
const ROOT = join(__dirname, '..');
const BUILT = join(ROOT, 'dist/apps/server/src');
const FROM_DIST = (values.server ?? (existsSync(join(BUILT, 'main.js')) ? 'dist' : 'sources')) as
  'dist' | 'sources';
if (FROM_DIST !== 'dist' && FROM_DIST !== 'sources') {
  console.error(`--server must be dist or sources (got "${String(values.server)}")`);
  process.exit(2);
}

interface Login {
  /** Who this is, in the output: "busiest interviewer", "manager". */
  who: string;
  email: string;
  cookie: string;
  token: string;
}
interface Measured {
  what: string;
  sorted: number[];
  target: boolean;
}
interface Statement {
  sql: string;
  parameters: unknown[];
}

async function main() {
  const database = await createBenchDatabase();
  const url = database.url;
  const port = await freePort();
  const server =
    FROM_DIST === 'dist'
      ? ServerProcess.start(serverEnvironment(url, port))
      : ServerProcess.start(
          {
            ...serverEnvironment(url, port),
            NODE_OPTIONS: '--require ts-node/register --require tsconfig-paths/register',
            TS_NODE_TRANSPILE_ONLY: 'true',
          },
          relative(BUILT, join(ROOT, 'apps/server/src/main.ts')),
        );
  let inProcess: TestApp | undefined;
  try {
    // It migrates and loads the scenarios that the seed refers to.
    await server.waitFor('Hotseat is running', 180_000);
    // Booted before the seed so that its start-up check of figures finds nothing to compute (the
    // server's did the same): the seeded sessions have short logs and no figures, which no list reads.
    inProcess = await startTestApp({ DATABASE_URL: url });
    await inProcess.app.get(SessionFiguresService).refreshed;

    const base = `http://127.0.0.1:${port}`;
    const admin = await login(base, ADMIN.email, ADMIN.password, 'admin');
    for (const [email, role, staffName] of [
      [INTERVIEWER_EMAIL, 'interviewer', 'Ines Interviewer'],
      [MANAGER_EMAIL, 'manager', 'Mona Manager'],
    ] as const) {
      await request(base, '/api/users', admin, {
        email,
        name: staffName,
        role,
        password: STAFF_PASSWORD,
      });
    }

    const started = Date.now();
    const counts = await seed(url);
    console.log(header(counts, seconds(started)));

    // The busiest interviewer has the most rows to filter by status; the quietest makes the
    // candidates list, which has no index for "added by", walk furthest to fill a page.
    const quietest = await quietestInterviewer(url);
    const logins = [
      await login(base, INTERVIEWER_EMAIL, STAFF_PASSWORD, 'busiest interviewer'),
      ...(quietest ? [await login(base, quietest, STAFF_PASSWORD, 'quietest interviewer')] : []),
      await login(base, MANAGER_EMAIL, STAFF_PASSWORD, 'manager'),
    ];
    const measured: Measured[] = [];
    for (const who of logins) {
      console.log(`\n${who.who} (${who.email}): ${await describe(url, who.email)}`);
      measured.push(...(await overHttp(base, who)));
      measured.push(...(await inProcessOf(inProcess, who)));
    }
    console.log(`\nagainst the target (p95 < ${TARGET_P95_MS} ms):`);
    for (const { what, sorted } of measured.filter((m) => m.target)) {
      const p95 = quantile(sorted, 0.95);
      console.log(
        `  ${p95 < TARGET_P95_MS ? 'PASS' : 'FAIL'}  ${what.padEnd(72)} p95 ${p95.toFixed(1)} ms`,
      );
    }
  } finally {
    await inProcess?.close();
    await server.stop();
    await database.drop();
  }
}

function serverEnvironment(url: string, port: number) {
  return {
    DATABASE_URL: url,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    HOTSEAT_ADMIN_EMAIL: ADMIN.email,
    HOTSEAT_ADMIN_PASSWORD: ADMIN.password,
  };
}

interface SeedCounts {
  statuses: Record<string, number>;
  candidates: number;
  assignments: number;
  events: number;
}

/**
 * The other interviewers (with the first one's password hash, so any of them could log in), the
 * openings, candidates and sessions, with the columns a session's events would have set, a log
 * that matches them (`last_seq`), and candidate_interviewers as SessionsService.create fills it.
 * setseed makes the same arguments give the same data, but for the ids.
 */
async function seed(url: string): Promise<SeedCounts> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT setseed(0.42)');
    await client.query(
      `INSERT INTO users (email, name, role, password_hash, created_at)
       SELECT 'interviewer' || i || '@example.com', (${NAMES.first})[1 + i % 20] || ' ' || (${NAMES.last})[1 + (i * 7) % 20],
              'interviewer', (SELECT password_hash FROM users WHERE email = $1),
              now() - random() * interval '2 years'
       FROM generate_series(2, $2) i`,
      [INTERVIEWER_EMAIL, INTERVIEWERS],
    );
    // n = 0 is the one the bench logs in as, and the busiest (see primary_n below).
    await client.query(
      `CREATE TEMP TABLE bench_staff ON COMMIT DROP AS
       SELECT row_number() OVER (ORDER BY email <> $1, email) - 1 AS n, id FROM users
       WHERE role = 'interviewer'`,
      [INTERVIEWER_EMAIL],
    );
    await client.query(
      `CREATE TEMP TABLE bench_versions ON COMMIT DROP AS
       SELECT row_number() OVER (ORDER BY scenario_id) AS n, id, scenario_id,
              (definition->>'timeLimitMinutes')::int AS minutes
       FROM (SELECT DISTINCT ON (scenario_id) * FROM scenario_versions
             ORDER BY scenario_id, created_at DESC) latest`,
    );
    // Each opening runs one to three scenarios (the subquery refers to i: drawn again per row).
    await client.query(
      `INSERT INTO openings (title, scenario_ids, created_by_id, created_at)
       SELECT (ARRAY['Support Specialist', 'Senior Support Specialist', 'Support Team Lead',
                     'Technical Support Engineer', 'Billing Support Specialist',
                     'Customer Success Associate'])[1 + i % 6]
              || (ARRAY[', EMEA', ', Americas', ', APAC', ', remote'])[1 + (i / 6) % 4]
              || CASE WHEN i > 24 THEN ' ' || (i / 24 + 1) ELSE '' END,
              ARRAY(SELECT scenario_id FROM bench_versions ORDER BY random() LIMIT 1 + i % 3),
              (SELECT id FROM users WHERE email = $1), now() - random() * interval '400 days'
       FROM generate_series(1, $2) i`,
      [MANAGER_EMAIL, OPENINGS],
    );
    // A candidate's own interviewer: floor(N * r^1.3) makes the first ones the busiest (the first
    // has about two and a half times an average share). 60% were added by that interviewer, the
    // rest by the manager; 85% applied to an opening.
    await client.query(
      `CREATE TEMP TABLE bench_candidates ON COMMIT DROP AS
       SELECT i AS n, gen_random_uuid() AS id, floor($1 * power(random(), 1.3))::int AS primary_n,
              now() - random() * interval '365 days' AS created_at, random() AS r_by,
              random() AS r_opening
       FROM generate_series(1, $2) i`,
      [INTERVIEWERS, CANDIDATES],
    );
    await client.query(
      `WITH numbered AS (SELECT row_number() OVER (ORDER BY created_at) AS n, id FROM openings)
       INSERT INTO candidates (id, name, email, created_by_id, created_at, opening_id)
       SELECT c.id, (${NAMES.first})[1 + c.n % 20] || ' ' || (${NAMES.last})[1 + (c.n / 20) % 20],
              'candidate' || c.n || '@example.com',
              CASE WHEN c.r_by < 0.6 THEN st.id ELSE (SELECT id FROM users WHERE email = $1) END,
              c.created_at, o.id
       FROM bench_candidates c JOIN bench_staff st ON st.n = c.primary_n
       LEFT JOIN numbered o ON c.r_opening < 0.85 AND o.n = 1 + floor(c.r_opening / 0.85 * $2)::int`,
      [MANAGER_EMAIL, OPENINGS],
    );
    // Each session: a random candidate (so some have none yet, some three or more), their own
    // interviewer 85% of the time, a scenario of their opening, created within 3 weeks of them.
    await client.query(
      `CREATE TEMP TABLE bench_picks ON COMMIT DROP AS
       SELECT i, 1 + floor(random() * $1)::int AS cn, random() AS r_who,
              floor(random() * $2)::int AS other_n, random() AS r_when, random() AS r_scenario,
              random() AS r_status, random() AS r1, random() AS r2, random() AS r3
       FROM generate_series(1, $3) i`,
      [CANDIDATES, INTERVIEWERS, SESSIONS],
    );
    await client.query(
      `CREATE TEMP TABLE bench_sessions ON COMMIT DROP AS
       SELECT gen_random_uuid() AS id, c.id AS candidate_id,
              CASE WHEN p.r_who < 0.85 THEN c.primary_n ELSE p.other_n END AS interviewer_n,
              c.created_at + p.r_when * least(interval '21 days', now() - c.created_at) AS created_at,
              COALESCE(o.scenario_ids[1 + floor(p.r_scenario * cardinality(o.scenario_ids))::int],
                       (SELECT scenario_id FROM bench_versions v
                        WHERE v.n = 1 + floor(p.r_scenario * (SELECT count(*) FROM bench_versions)))
              ) AS scenario_id,
              NULL::text AS status, p.r_status, p.r1, p.r2, p.r3
       FROM bench_picks p JOIN bench_candidates c ON c.n = p.cn
       LEFT JOIN candidates cc ON cc.id = c.id LEFT JOIN openings o ON o.id = cc.opening_id`,
    );
    // Older than two weeks: ended or cancelled, a few never run; recent: mostly still scheduled.
    await client.query(
      `UPDATE bench_sessions SET status = CASE
         WHEN created_at > now() - interval '1 hour' THEN 'scheduled'
         WHEN created_at > now() - interval '14 days' THEN
           CASE WHEN r_status < 0.7 THEN 'scheduled' WHEN r_status < 0.8 THEN 'cancelled' ELSE 'ended' END
         ELSE CASE WHEN r_status < 0.01 THEN 'scheduled' WHEN r_status < 0.13 THEN 'cancelled' ELSE 'ended' END
       END`,
    );
    // Live right now: the newest scheduled one of every fifth interviewer (the first among them),
    // started in the last two minutes, so that no time limit ends them during the bench.
    await client.query(
      `UPDATE bench_sessions SET status = 'live' WHERE id IN (
         SELECT DISTINCT ON (interviewer_n) id FROM bench_sessions
         WHERE status = 'scheduled' AND interviewer_n % 5 = 0
         ORDER BY interviewer_n, created_at DESC)`,
    );
    await client.query(
      `INSERT INTO roleplay_sessions (id, candidate_id, scenario_id, scenario_version_id,
         interviewer_id, status, last_seq, created_at, started_at, ends_at, solved_at, ended_at,
         cancelled_at)
       SELECT s.id, s.candidate_id, s.scenario_id, v.id, st.id, s.status,
              CASE s.status WHEN 'scheduled' THEN 0 WHEN 'ended' THEN
                CASE WHEN s.r3 < 0.75 THEN 3 ELSE 2 END ELSE 1 END,
              s.created_at, a.started_at, a.started_at + v.minutes * interval '1 minute',
              CASE WHEN s.status = 'ended' AND s.r3 < 0.75
                THEN a.started_at + (b.ended_at - a.started_at) * (0.4 + 0.5 * s.r3 / 0.75) END,
              b.ended_at,
              CASE WHEN s.status = 'cancelled'
                THEN s.created_at + s.r1 * least(interval '2 days', now() - s.created_at) END
       FROM bench_sessions s JOIN bench_versions v ON v.scenario_id = s.scenario_id
       JOIN bench_staff st ON st.n = s.interviewer_n
       CROSS JOIN LATERAL (SELECT CASE s.status
         WHEN 'live' THEN now() - s.r1 * interval '2 minutes'
         WHEN 'ended' THEN s.created_at
           + s.r1 * least(interval '3 days', now() - s.created_at - interval '40 minutes')
       END AS started_at) a
       CROSS JOIN LATERAL (SELECT CASE WHEN s.status = 'ended'
         THEN a.started_at + (8 + s.r2 * (v.minutes - 8)) * interval '1 minute' END AS ended_at) b`,
    );
    const { rows: events } = await client.query<{ count: string }>(
      `WITH inserted AS (
         INSERT INTO session_events (session_id, seq, type, actor, payload, at)
         SELECT id, 1, $1, 'interviewer',
                jsonb_build_object('timeLimitMinutes', extract(epoch FROM ends_at - started_at) / 60),
                started_at
         FROM roleplay_sessions WHERE started_at IS NOT NULL
         UNION ALL
         SELECT id, 2, $2, 'interviewer', '{}', solved_at FROM roleplay_sessions
         WHERE solved_at IS NOT NULL
         UNION ALL
         SELECT id, last_seq, $3, 'interviewer', '{"endedBy": "interviewer"}', ended_at
         FROM roleplay_sessions WHERE ended_at IS NOT NULL
         UNION ALL
         SELECT id, 1, $4, 'interviewer', '{}', cancelled_at FROM roleplay_sessions
         WHERE cancelled_at IS NOT NULL
         RETURNING 1)
       SELECT count(*) FROM inserted`,
      [EVENT.sessionStarted, EVENT.sessionSolved, EVENT.sessionEnded, EVENT.sessionCancelled],
    );
    const { rowCount: assignments } = await client.query(
      `INSERT INTO candidate_interviewers (candidate_id, interviewer_id, created_at)
       SELECT candidate_id, interviewer_id, min(created_at) FROM roleplay_sessions GROUP BY 1, 2`,
    );
    await client.query('COMMIT');
    // As autovacuum would have left them: statistics, visibility map, hint bits.
    await client.query(
      'VACUUM (ANALYZE) users, openings, candidates, roleplay_sessions, session_events, candidate_interviewers',
    );
    const { rows } = await client.query<{ status: string; count: string }>(
      'SELECT status, count(*) FROM roleplay_sessions GROUP BY status ORDER BY count(*) DESC',
    );
    return {
      statuses: Object.fromEntries(rows.map((row) => [row.status, Number(row.count)])),
      candidates: CANDIDATES,
      assignments: assignments ?? 0,
      events: Number(events[0].count),
    };
  } finally {
    await client.end();
  }
}

const NAMES = {
  first: `ARRAY['Ada', 'Ben', 'Chloe', 'Dev', 'Elif', 'Finn', 'Grace', 'Hugo', 'Ines', 'Jon',
    'Kemi', 'Liam', 'Maya', 'Noor', 'Omar', 'Pia', 'Quinn', 'Rosa', 'Sam', 'Tariq']`,
  last: `ARRAY['Abbott', 'Brennan', 'Costa', 'Dubois', 'Eze', 'Fischer', 'Garcia', 'Haddad',
    'Ito', 'Jensen', 'Kowalski', 'Larsen', 'Moreau', 'Novak', 'Okafor', 'Patel', 'Quist',
    'Rossi', 'Silva', 'Tanaka']`,
};

function header(counts: SeedCounts, took: string): string {
  const statuses = Object.entries(counts.statuses)
    .map(([status, count]) => `${count} ${status}`)
    .join(', ');
  return [
    `bench:lists: ${SESSIONS} sessions over ${INTERVIEWERS} interviewers, ${counts.candidates} candidates, ${OPENINGS} openings; ${RUNS} runs each after ${WARM_UP} to warm up`,
    `machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}; server ${FROM_DIST === 'dist' ? 'from dist/' : 'from the sources (ts-node, transpile only)'} in its own process, load generator on the same machine`,
    `seeded in ${took}: ${statuses}; ${counts.assignments} candidate_interviewers rows, ${counts.events} events`,
  ].join('\n');
}

/** What the dashboard lists for this person, from the data, to read the timings against. */
async function describe(url: string, email: string): Promise<string> {
  return withServer(async (client) => {
    const { rows } = await client.query<Record<string, string>>(
      `WITH me AS (SELECT id, role FROM users WHERE email = $1),
       mine AS (SELECT s.* FROM roleplay_sessions s, me
                WHERE me.role <> 'interviewer' OR s.interviewer_id = me.id)
       SELECT (SELECT count(*) FROM mine) AS sessions,
              (SELECT count(*) FROM mine WHERE status = 'live') AS live,
              (SELECT count(*) FROM mine WHERE status = 'scheduled') AS scheduled,
              (SELECT count(*) FROM mine WHERE status IN ('ended', 'cancelled')) AS finished,
              (SELECT count(*) FROM candidates c, me WHERE me.role <> 'interviewer'
                 OR c.created_by_id = me.id OR EXISTS (SELECT 1 FROM candidate_interviewers ci
                   WHERE ci.candidate_id = c.id AND ci.interviewer_id = me.id)) AS candidates`,
      [email],
    );
    const r = rows[0];
    return `sees ${r.sessions} sessions (${r.live} live, ${r.scheduled} scheduled, ${r.finished} finished) and ${r.candidates} candidates`;
  }, url);
}

/** The other end from the one the bench logs in as first; none when there is only one. */
async function quietestInterviewer(url: string): Promise<string | undefined> {
  if (INTERVIEWERS < 2) return undefined;
  return withServer(async (client) => {
    const { rows } = await client.query<{ email: string }>(
      `SELECT u.email FROM users u LEFT JOIN roleplay_sessions s ON s.interviewer_id = u.id
       WHERE u.role = 'interviewer' GROUP BY u.email ORDER BY count(s.id), u.email LIMIT 1`,
    );
    return rows[0].email;
  }, url);
}

async function login(base: string, email: string, password: string, who: string): Promise<Login> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`login of ${email} failed: ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .find((pair) => pair.startsWith('hotseat_session='));
  if (!cookie) throw new Error(`login of ${email} set no hotseat_session cookie`);
  const { token } = (await response.json()) as { token: string };
  return { who, email, cookie, token };
}

async function request(base: string, path: string, as: Login, body?: object): Promise<string> {
  const response = await fetch(`${base}${path}`, {
    method: body ? 'POST' : 'GET',
    redirect: 'manual',
    headers: body
      ? { authorization: `Bearer ${as.token}`, 'content-type': 'application/json' }
      : { cookie: as.cookie, accept: 'text/html' },
    body: body && JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${text.slice(0, 500)}`);
  return text;
}

/** The dashboard as the browser gets it, with the login cookie; then where its "older" links go. */
async function overHttp(base: string, who: Login): Promise<Measured[]> {
  const page = await request(base, '/', who);
  const pages: Array<[string, string]> = [['dashboard page, GET /', '/']];
  for (const [list, label] of [
    ['finished', 'older role-plays'],
    ['candidates', 'older candidates'],
  ]) {
    // Handlebars writes "=" in attributes as &#x3D;.
    const cursor = new RegExp(`href="/\\?${list}(?:=|&#x3D;)([A-Za-z0-9_-]+)"`).exec(page)?.[1];
    if (cursor) pages.push([`dashboard page, ${label} (?${list}=)`, `/?${list}=${cursor}`]);
    else console.log(`  (the page has no "${label}" link: fewer than 26 to list)`);
  }
  const results: Measured[] = [];
  for (const [what, path] of pages) {
    const sorted = await time(() => request(base, path, who));
    results.push(report(`${who.who}: ${what}`, sorted, true));
  }
  // For scale: what any signed-in request costs here (the login check, Nest, logging), no lists.
  report(
    '  for scale: GET /api/auth/me',
    await time(() => request(base, '/api/auth/me', who)),
    false,
  );
  return results;
}

/** What this bench reads of the dashboard's page model (staffPage returns its data untyped). */
interface DashboardModel {
  openings: unknown[];
  candidates: unknown[];
  live: unknown[];
  upcoming: unknown[];
  finished: unknown[];
  olderCandidates: string | null;
  olderFinished: string | null;
}

/**
 * The page model as StaffPagesController.dashboard builds it (its services and their queries, in
 * this process), then each SQL statement it ran, alone, through the same DataSource.
 */
async function inProcessOf(testApp: TestApp, who: Login): Promise<Measured[]> {
  const { app } = testApp;
  // The page as opened at the address links are made for: no address notice.
  const atPublicUrl = { host: new URL(testApp.url).host } as Request;
  const staff = (await app.get(AuthService).authenticate(who.token)) as StaffPrincipal;
  const controller = app.get(StaffPagesController);
  const page: object = await controller.dashboard(staff, {}, atPublicUrl);
  const first = page as DashboardModel;
  const queries: Array<[string, { finished?: string; candidates?: string }]> = [
    ['page model, first page', {}],
  ];
  const cursorOf = (link: string | null) => link?.split('=')[1];
  const finished = cursorOf(first.olderFinished);
  const candidates = cursorOf(first.olderCandidates);
  if (finished) queries.push(['page model, older role-plays', { finished }]);
  if (candidates) queries.push(['page model, older candidates', { candidates }]);
  console.log(
    `  the first page lists ${first.live.length} live, ${first.upcoming.length} upcoming, ${first.finished.length} finished, ${first.candidates.length} candidates, ${first.openings.length} openings`,
  );
  const results: Measured[] = [];
  for (const [what, query] of queries) {
    const sorted = await time(() => controller.dashboard(staff, query, atPublicUrl));
    results.push(report(`${who.who}: ${what} (in process)`, sorted, true));
  }

  const statements = await recorded(app.get(DataSource), () =>
    controller.dashboard(staff, {}, atPublicUrl),
  );
  console.log(`  its ${statements.length} SQL statements, one at a time (first page):`);
  const dataSource = app.get(DataSource);
  for (const { sql, parameters } of statements) {
    const sorted = await time(() => dataSource.query(sql, parameters));
    const plan = await dataSource.query<Array<{ 'QUERY PLAN': string }>>(
      `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
      parameters,
    );
    const lines = plan.map((row) => row['QUERY PLAN']);
    const execution = lines.find((line) => line.startsWith('Execution Time'));
    report(
      `  ${label(sql, parameters)}`,
      sorted,
      false,
      execution?.replace('Execution Time: ', ''),
    );
    if (values.explain) console.log(lines.map((line) => `      ${line}`).join('\n'));
  }
  return results;
}

/**
 * The statements `call` sends through `dataSource.query`, in order; only its own (by async
 * context), not those of timers that run meanwhile, such as the sweep for time limits.
 */
async function recorded(dataSource: DataSource, call: () => Promise<unknown>) {
  const statements: Statement[] = [];
  const context = new AsyncLocalStorage<Statement[]>();
  const original = dataSource.query.bind(dataSource);
  dataSource.query = ((sql: string, parameters?: unknown[], ...rest: unknown[]) => {
    context.getStore()?.push({ sql, parameters: parameters ?? [] });
    return (original as (...args: unknown[]) => Promise<unknown>)(sql, parameters, ...rest);
  }) as typeof dataSource.query;
  try {
    await context.run(statements, call);
  } finally {
    dataSource.query = original;
  }
  return statements;
}

/** A statement in a line: its table and WHERE, with short stand-ins for its parameters. */
function label(sql: string, parameters: unknown[]): string {
  const table = /\bFROM (\w+)/.exec(sql)?.[1] ?? '?';
  const where = /\bWHERE ([\s\S]*?)(?:\bORDER BY\b|$)/.exec(sql)?.[1] ?? 'TRUE';
  const shown = where
    .replace(/\$(\d+)(::\w+(\[\])?)?/g, (_all, n: string) => stand(parameters[Number(n) - 1]))
    .replace(/\b[a-z]{1,2}\.(?=\w)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const text = `${table}: ${shown}`;
  return text.length > 68 ? `${text.slice(0, 67)}…` : text;
}

function stand(value: unknown): string {
  const uuid = /^[0-9a-f-]{36}$/;
  if (Array.isArray(value)) {
    return value.every((v) => typeof v === 'string' && uuid.test(v))
      ? `[${value.length} ids]`
      : `{${value.join(',')}}`;
  }
  if (typeof value === 'string') return uuid.test(value) ? 'id' : `'${value.slice(0, 10)}'`;
  return String(value);
}

/** Milliseconds of each of RUNS sequential calls, after WARM_UP to warm up. */
async function time(call: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARM_UP; i += 1) await call();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function report(what: string, sorted: number[], target: boolean, extra?: string): Measured {
  const fmt = (ms: number) => ms.toFixed(1).padStart(6);
  console.log(
    `  ${what.padEnd(72)} p50 ${fmt(quantile(sorted, 0.5))}  p95 ${fmt(quantile(sorted, 0.95))}  p99 ${fmt(quantile(sorted, 0.99))}  max ${fmt(sorted.at(-1)!)}  (n=${sorted.length}${extra ? `; plan ${extra}` : ''})`,
  );
  return { what, sorted, target };
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
