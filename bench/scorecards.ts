/**
 * npm run bench:scorecards [-- --sessions 10000 --runs 200]
 *
 * Seeds a fresh database on the PostgreSQL server with `sessions` ended role-plays (a realistic log
 * of 13 events each, spread over every scenario, most of them rated), lets Hotseat compute their
 * figures at start as it does after an upgrade, then times 5-candidate comparisons and scorecards
 * over HTTP and prints p50/p95/p99 against the target (comparison p95 under 150 ms).
 */
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { EVENT } from '@hotseat/events';
import { freePort, ServerProcess } from '../test/support/server-process';
import { BENCH_ADMIN, createBenchDatabase, positive } from './support';

const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '200' },
  },
});
const SESSIONS = positive('sessions', values.sessions);
const RUNS = positive('runs', values.runs);
const COMPARED = 5;
const TARGET_P95_MS = 150;
const ADMIN = BENCH_ADMIN;

async function main() {
  const database = await createBenchDatabase();
  const url = database.url;
  const port = await freePort();
  const environment = {
    DATABASE_URL: url,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    HOTSEAT_ADMIN_EMAIL: ADMIN.email,
    HOTSEAT_ADMIN_PASSWORD: ADMIN.password,
  };
  let server = ServerProcess.start(environment);
  try {
    // The first start migrates and loads the scenarios that the seed refers to.
    await server.waitFor('Hotseat is running', 60_000);
    await server.stop();
    let started = Date.now();
    const candidates = await seed(url);
    console.log(`seeded ${SESSIONS} ended sessions in ${seconds(started)}`);

    started = Date.now();
    server = ServerProcess.start(environment);
    await server.waitFor(`Computed the figures of ${SESSIONS} ended sessions"`, 30 * 60_000);
    console.log(`computed and stored their figures at start in ${seconds(started)}`);
    console.log(await desksFigured(url));

    const base = `http://127.0.0.1:${port}`;
    const token = await login(base);
    const pick = () =>
      Array.from(
        { length: COMPARED },
        () => candidates[Math.floor(Math.random() * candidates.length)],
      );
    const compare = await time(RUNS, () =>
      get(base, `/api/scorecards/compare?candidates=${[...new Set(pick())].join(',')}`, token),
    );
    const scorecard = await time(RUNS, () =>
      get(base, `/api/candidates/${pick()[0]}/scorecard`, token),
    );
    print('5-candidate comparison', compare, TARGET_P95_MS);
    print('one scorecard', scorecard);
  } finally {
    await server.stop();
    await database.drop();
  }
}

/** Candidates with 2-3 ended, rated sessions each; returns the candidates' ids. */
async function seed(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const candidateCount = Math.ceil(SESSIONS / 2.5);
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO candidates (name, email)
       SELECT 'Candidate ' || i, 'c' || i || '@example.com' FROM generate_series(1, $1) i
       RETURNING id`,
      [candidateCount],
    );
    // Each session: a random candidate, a scenario version, a start in the last 90 days.
    await client.query(
      `WITH versions AS (
         SELECT id, scenario_id, row_number() OVER (ORDER BY scenario_id) AS n
         FROM (SELECT DISTINCT ON (scenario_id) id, scenario_id FROM scenario_versions
               ORDER BY scenario_id, created_at DESC) latest
       ), numbered AS (SELECT id, row_number() OVER () AS n FROM candidates)
       INSERT INTO roleplay_sessions
         (candidate_id, scenario_id, scenario_version_id, interviewer_id, status, last_seq,
          started_at, ends_at, ended_at)
       SELECT c.id, v.scenario_id, v.id, (SELECT id FROM users LIMIT 1), 'ended', 100,
              start, start + interval '20 minutes', start + interval '15 minutes'
       FROM generate_series(1, $1) i
       CROSS JOIN LATERAL (SELECT now() - random() * interval '90 days' AS start) t
       JOIN numbered c ON c.n = 1 + (i % $2)
       JOIN versions v ON v.n = 1 + (i % (SELECT count(*) FROM versions))`,
      [SESSIONS, candidateCount],
    );
    // A log shaped like a real role-play, with random pacing; 80% solved.
    await client.query(
      `INSERT INTO session_events (session_id, seq, type, actor, payload, at)
       SELECT s.id, e.seq, e.type, e.actor, e.payload, s.started_at + e.after
       FROM roleplay_sessions s
       JOIN scenario_versions v ON v.id = s.scenario_version_id
       CROSS JOIN LATERAL (SELECT random() AS r1, random() AS r2, random() AS r3) r
       CROSS JOIN LATERAL (VALUES
         (1, $1, 'interviewer', '{"timeLimitMinutes": 20}'::jsonb, interval '0'),
         (2, $2, 'customer', '{"text": "You charged me ten times!"}', interval '1 ms'),
         (3, $2, 'candidate', '{"text": "I am so sorry, let me look into it right away."}', r.r1 * interval '60 s'),
         (4, $3, 'interviewer', '{"level": 9}', interval '70 s'),
         (5, $4, 'candidate', '{"query": "refund", "results": []}', interval '80 s'),
         (6, $5, 'candidate', jsonb_build_object('articleId', v.definition->'solution'->'articles'->>0), interval '90 s'),
         (7, $6, 'candidate', jsonb_build_object('articleId', v.definition->'solution'->'articles'->>0), interval '90 s' + r.r2 * interval '120 s'),
         (8, $2, 'customer', '{"text": "Well?"}', interval '4 min'),
         (9, $2, 'candidate', '{"text": "I have refunded it; you will receive it within 5 days."}', interval '4 min' + r.r3 * interval '90 s'),
         (10, $7, 'interviewer', jsonb_build_object('checkpointId', v.definition->'solution'->'checkpoints'->0->>'id'), interval '6 min'),
         (11, $3, 'interviewer', '{"level": 2}', interval '6 min' + r.r1 * interval '5 min'),
         (12, CASE WHEN r.r2 < 0.8 THEN $8 ELSE $9 END, 'interviewer', '{}', interval '12 min' + r.r3 * interval '2 min'),
         (13, $11, 'candidate', '{"recordId": "customer", "title": "Customer"}', interval '3 min' + r.r1 * interval '60 s'),
         (14, $12, 'candidate', '{"actionId": "refund", "label": "Refund", "input": {}, "result": "Done.", "mistakes": []}', interval '5 min' + r.r2 * interval '120 s'),
         (100, $10, 'interviewer', '{"endedBy": "interviewer"}', interval '15 min')
       ) AS e(seq, type, actor, payload, after)`,
      [
        EVENT.sessionStarted,
        EVENT.chatMessage,
        EVENT.angerChanged,
        EVENT.helpSearched,
        EVENT.helpOpened,
        EVENT.helpClosed,
        EVENT.checkpointHit,
        EVENT.sessionSolved,
        EVENT.noteAdded,
        EVENT.sessionEnded,
        EVENT.deskViewed,
        EVENT.deskActed,
      ],
    );
    // The desk meets every required checkpoint in 70% of the sessions, so the time to the required
    // checkpoints is ranked over real values (seq 20 on: after the log above, before its end).
    await client.query(
      `INSERT INTO session_events (session_id, seq, type, actor, payload, at)
       SELECT s.id, 20 + c.n, $1, 'system', jsonb_build_object('checkpointId', c.cp->>'id'),
              s.started_at + interval '7 min' + c.n * (interval '5 s' + random() * interval '30 s')
       FROM roleplay_sessions s
       JOIN scenario_versions v ON v.id = s.scenario_version_id
       CROSS JOIN LATERAL jsonb_array_elements(v.definition->'solution'->'checkpoints')
         WITH ORDINALITY AS c(cp, n)
       WHERE (c.cp->>'required')::boolean AND c.n > 1 AND abs(hashtext(s.id::text)) % 10 < 7`,
      [EVENT.checkpointHit],
    );
    await client.query(
      `UPDATE roleplay_sessions SET solved_at = e.at FROM session_events e
       WHERE e.session_id = roleplay_sessions.id AND e.type = $1`,
      [EVENT.sessionSolved],
    );
    // Most sessions rated, every rubric attribute 1-4 at random.
    await client.query(
      `INSERT INTO ratings (session_id, candidate_id, rater_id, scenario_id, attributes, csat,
                            product_team_score, recommendation, submitted_at)
       SELECT s.id, s.candidate_id, s.interviewer_id, s.scenario_id,
              (SELECT jsonb_agg(jsonb_build_object('id', a->>'id', 'score', 1 + floor(random() * 4)::int, 'evidence', ''))
               FROM jsonb_array_elements(v.definition->'rubric') a),
              1 + floor(random() * 5)::int, 1 + floor(random() * 4)::int, 'yes', s.ended_at
       FROM roleplay_sessions s JOIN scenario_versions v ON v.id = s.scenario_version_id
       WHERE random() < 0.9`,
    );
    await client.query(`UPDATE ratings SET rubric_mean =
       (SELECT avg((a->>'score')::int) FROM jsonb_array_elements(attributes) a)`);
    await client.query('COMMIT');
    await client.query('ANALYZE');
    return rows.map((row) => row.id);
  } finally {
    await client.end();
  }
}

/** How many stored figures have the desk's two ranked figures, so a run shows they were ranked. */
async function desksFigured(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ all: number; required: number; action: number }>(
      `SELECT count(*)::int AS all, count(time_to_required_checkpoints_ms)::int AS required,
              count(time_to_first_action_ms)::int AS action
       FROM session_figures`,
    );
    const [{ all, required, action }] = rows;
    return `figures with a time to the required checkpoints: ${required} of ${all}; with a first desk action: ${action}`;
  } finally {
    await client.end();
  }
}

async function login(base: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

async function get(base: string, path: string, token: string): Promise<void> {
  const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  await response.arrayBuffer();
}

/** Milliseconds of each of `runs` sequential calls, after 10 to warm up. */
async function time(runs: number, call: () => Promise<void>): Promise<number[]> {
  for (let i = 0; i < 10; i += 1) await call();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

function print(what: string, sorted: number[], targetP95?: number) {
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const p95 = at(0.95);
  const verdict =
    targetP95 === undefined
      ? ''
      : p95 < targetP95
        ? `  (target p95 < ${targetP95} ms: met)`
        : `  (target p95 < ${targetP95} ms: MISSED)`;
  console.log(
    `${what}, ${sorted.length} runs: p50 ${at(0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms${verdict}`,
  );
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
