import { PGlite } from '@electric-sql/pglite';
import type { RankedRating } from '@hotseat/feedback';
import {
  RANKED_FIGURES,
  RANKED_SESSIONS_SQL,
  ROLEPLAY_SCORE_FIGURES,
  toRankedSession,
  type RankedKey,
} from './ranked-figures';

/** A row as RANKED_SESSIONS_SQL returns it through `pg`: counts as strings, empty figures as null. */
const createRow = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  session_id: 'session-1',
  candidate_id: 'cand-1',
  scenario_id: 'billing',
  scenario_sessions: '4',
  raw_timeToSolutionMs: 120_000,
  pct_timeToSolutionMs: 0.75,
  raw_firstResponseMs: 8000,
  pct_firstResponseMs: 0.5,
  raw_medianResponseMs: 15_500.5,
  pct_medianResponseMs: 0.25,
  raw_timeToCalmMs: null,
  pct_timeToCalmMs: 0,
  raw_checkpointsHit: 0.5,
  pct_checkpointsHit: 1,
  raw_timeToRequiredCheckpointsMs: 300_000,
  pct_timeToRequiredCheckpointsMs: 0.5,
  raw_timeToFirstActionMs: null,
  pct_timeToFirstActionMs: 0,
  ...overrides,
});

const createRating = (overrides: Partial<RankedRating> = {}): RankedRating => ({
  sessionId: 'session-1',
  rubricMean: 3.25,
  csat: 4,
  rubricMeanShare: 0.6,
  csatShare: 1,
  ...overrides,
});

describe('RANKED_FIGURES', () => {
  it('ranks the session figures with missing as worst and the rating figures as unranked', () => {
    const byKind = RANKED_FIGURES.map((figure) => [
      figure.key,
      'column' in figure ? 'session' : 'rating',
      figure.missing,
    ]);
    expect(byKind).toEqual([
      ['timeToSolutionMs', 'session', 'worst'],
      ['timeToRequiredCheckpointsMs', 'session', 'worst'],
      ['firstResponseMs', 'session', 'worst'],
      ['timeToFirstActionMs', 'session', 'worst'],
      ['medianResponseMs', 'session', 'worst'],
      ['timeToCalmMs', 'session', 'worst'],
      ['checkpointsHit', 'session', 'worst'],
      ['rubricMean', 'rating', 'unranked'],
      ['csat', 'rating', 'unranked'],
    ]);
  });

  it("makes the role-play score of the session figures only, the desk's times left out", () => {
    const sessionKeys = RANKED_FIGURES.filter((f) => 'column' in f).map((f) => f.key);
    const desk = ['timeToRequiredCheckpointsMs', 'timeToFirstActionMs'];
    expect([...ROLEPLAY_SCORE_FIGURES].sort()).toEqual(
      sessionKeys.filter((key) => !desk.includes(key)).sort(),
    );
  });

  it("ranks the desk's times lower-is-better, a never-met one as worst, in plain words", () => {
    const desk = RANKED_FIGURES.filter(
      (f) => f.key === 'timeToRequiredCheckpointsMs' || f.key === 'timeToFirstActionMs',
    );
    expect(desk).toEqual([
      expect.objectContaining({
        label: 'Time to the required checkpoints (ms)',
        column: 'time_to_required_checkpoints_ms',
        better: 'lower',
        missing: 'worst',
        definition: 'timeToRequiredCheckpointsMs',
      }),
      expect.objectContaining({
        label: 'Time to the first desk action (ms)',
        column: 'time_to_first_action_ms',
        better: 'lower',
        missing: 'worst',
        definition: 'timeToFirstActionMs',
      }),
    ]);
    // Shown beside the interviewer's "solved": right after it.
    const keys = RANKED_FIGURES.map((f) => f.key);
    expect(keys.indexOf('timeToRequiredCheckpointsMs')).toBe(keys.indexOf('timeToSolutionMs') + 1);
  });
});

describe(toRankedSession.name, () => {
  it('reads the ids and the count of sessions ranked among', () => {
    const session = toRankedSession(createRow(), createRating());
    expect(session).toMatchObject({
      sessionId: 'session-1',
      candidateId: 'cand-1',
      scenarioId: 'billing',
      scenarioSessions: 4,
    });
  });

  it('takes the raw session figures from raw_<key>, keeping null for an empty figure', () => {
    const { raw } = toRankedSession(createRow(), undefined);
    expect(raw).toMatchObject({
      timeToSolutionMs: 120_000,
      firstResponseMs: 8000,
      medianResponseMs: 15_500.5,
      timeToCalmMs: null,
      checkpointsHit: 0.5,
    });
  });

  it('turns numeric strings (bigint and numeric columns through pg) into numbers', () => {
    const { raw, percentile } = toRankedSession(
      createRow({ raw_firstResponseMs: '8000', pct_firstResponseMs: '0.125' }),
      undefined,
    );
    expect(raw.firstResponseMs).toBe(8000);
    // 0.125 of the sessions -> 12.5
    expect(percentile.firstResponseMs).toBe(12.5);
  });

  it('turns the 0-1 shares into percentiles: 0.75 -> 75, 0 -> 0, 1 -> 100', () => {
    const { percentile } = toRankedSession(createRow(), undefined);
    expect(percentile).toMatchObject({
      timeToSolutionMs: 75,
      firstResponseMs: 50,
      medianResponseMs: 25,
      timeToCalmMs: 0,
      checkpointsHit: 100,
    });
  });

  it.each([
    [1 / 3, 33.3],
    [2 / 3, 66.7],
    [1 / 7, 14.3],
    [0.0004, 0],
  ])('rounds a share of %p to a percentile with one decimal: %p', (share, expected) => {
    const { percentile } = toRankedSession(createRow({ pct_firstResponseMs: share }), undefined);
    expect(percentile.firstResponseMs).toBe(expected);
  });

  it("takes the rating figures from the session's rating, shares as percentiles", () => {
    const session = toRankedSession(createRow(), createRating());
    expect([session.raw.rubricMean, session.raw.csat]).toEqual([3.25, 4]);
    // 0.6 -> 60, 1 -> 100
    expect([session.percentile.rubricMean, session.percentile.csat]).toEqual([60, 100]);
  });

  it('leaves the rating figures empty for a session not rated yet', () => {
    const session = toRankedSession(createRow(), undefined);
    expect([session.raw.rubricMean, session.raw.csat]).toEqual([null, null]);
    expect([session.percentile.rubricMean, session.percentile.csat]).toEqual([null, null]);
  });

  it('keeps a rating figure empty when the rating has none', () => {
    const session = toRankedSession(
      createRow(),
      createRating({ csat: null, csatShare: null, rubricMean: 1, rubricMeanShare: 0.2 }),
    );
    expect([session.raw.csat, session.percentile.csat]).toEqual([null, null]);
    // A real 0 share stays 0, not empty.
    expect(
      toRankedSession(createRow(), createRating({ rubricMeanShare: 0 })).percentile.rubricMean,
    ).toBe(0);
  });

  it('has every ranked figure, and only those, in raw and percentile', () => {
    const session = toRankedSession(createRow(), createRating());
    const keys = RANKED_FIGURES.map(({ key }) => key).sort();
    expect(Object.keys(session.raw).sort()).toEqual(keys);
    expect(Object.keys(session.percentile).sort()).toEqual(keys);
  });
});

/**
 * The SQL on PostgreSQL itself (PGlite, in memory), over a session_figures table holding only the
 * columns the query reads, so the percentile rule is checked where it is computed.
 */
describe('RANKED_SESSIONS_SQL', () => {
  const VERSION = 2;
  const CANDIDATE = '00000000-0000-4000-8000-000000000001';
  const OTHERS = '00000000-0000-4000-8000-000000000002';
  let db: PGlite;
  let counter = 0;

  const insert = async (
    candidateId: string,
    figures: Partial<Record<RankedKey, number | null>>,
    { scenarioId = 'billing', version = VERSION } = {},
  ) => {
    counter += 1;
    const sessionId = `00000000-0000-4000-9000-${String(counter).padStart(12, '0')}`;
    await db.query(
      `INSERT INTO session_figures (session_id, candidate_id, scenario_id, version,
         time_to_solution_ms, first_response_ms, median_response_ms, time_to_calm_ms, checkpoints_hit,
         time_to_required_checkpoints_ms, time_to_first_action_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        sessionId,
        candidateId,
        scenarioId,
        version,
        figures.timeToSolutionMs ?? null,
        figures.firstResponseMs ?? null,
        figures.medianResponseMs ?? null,
        figures.timeToCalmMs ?? null,
        figures.checkpointsHit ?? 0,
        figures.timeToRequiredCheckpointsMs ?? null,
        figures.timeToFirstActionMs ?? null,
      ],
    );
    return sessionId;
  };

  const ranked = async (candidateIds: string[]) => {
    const { rows } = await db.query<Record<string, unknown>>(RANKED_SESSIONS_SQL, [
      candidateIds,
      VERSION,
    ]);
    return new Map(rows.map((row) => [String(row.session_id), toRankedSession(row, undefined)]));
  };

  beforeAll(async () => {
    db = await PGlite.create();
  });

  afterAll(async () => {
    await db.close();
  });

  beforeEach(async () => {
    await db.exec(`
      DROP TABLE IF EXISTS session_figures;
      CREATE TABLE session_figures (
        session_id uuid PRIMARY KEY,
        candidate_id uuid NOT NULL,
        scenario_id text NOT NULL,
        version integer NOT NULL,
        time_to_solution_ms integer,
        first_response_ms integer,
        median_response_ms double precision,
        time_to_calm_ms integer,
        checkpoints_hit double precision NOT NULL,
        time_to_required_checkpoints_ms integer,
        time_to_first_action_ms integer
      )`);
  });

  it('ranks a lower-is-better figure as the share that took as long or longer', async () => {
    const fast = await insert(CANDIDATE, { firstResponseMs: 1000 });
    const slow = await insert(CANDIDATE, { firstResponseMs: 4000 });
    await insert(OTHERS, { firstResponseMs: 2000 });
    await insert(OTHERS, { firstResponseMs: 3000 });
    const sessions = await ranked([CANDIDATE]);
    // fast: all 4 took as long or longer -> 100; slow: only itself -> 1/4 = 25
    expect(sessions.get(fast)?.percentile.firstResponseMs).toBe(100);
    expect(sessions.get(slow)?.percentile.firstResponseMs).toBe(25);
    expect(sessions.get(fast)?.scenarioSessions).toBe(4);
  });

  it('ranks a higher-is-better figure as the share that hit as few or fewer', async () => {
    const most = await insert(CANDIDATE, { checkpointsHit: 1 });
    const fewest = await insert(CANDIDATE, { checkpointsHit: 0.25 });
    await insert(OTHERS, { checkpointsHit: 0.5 });
    const sessions = await ranked([CANDIDATE]);
    // most: 3 of 3 -> 100; fewest: 1 of 3 -> 33.3
    expect(sessions.get(most)?.percentile.checkpointsHit).toBe(100);
    expect(sessions.get(fewest)?.percentile.checkpointsHit).toBe(33.3);
  });

  it('gives tied sessions the same percentile, counting the tie as "as well"', async () => {
    const mine = await insert(CANDIDATE, { timeToSolutionMs: 5000 });
    await insert(OTHERS, { timeToSolutionMs: 5000 });
    await insert(OTHERS, { timeToSolutionMs: 1000 });
    const sessions = await ranked([CANDIDATE]);
    // 5000 and 5000 took as long or longer, 1000 did not: 2/3
    expect(sessions.get(mine)?.percentile.timeToSolutionMs).toBe(66.7);
  });

  it('puts an empty figure (never solved) at 0 and below every real value', async () => {
    const unsolved = await insert(CANDIDATE, { timeToSolutionMs: null });
    const slowest = await insert(CANDIDATE, { timeToSolutionMs: 900_000 });
    await insert(OTHERS, { timeToSolutionMs: null });
    await insert(OTHERS, { timeToSolutionMs: 60_000 });
    const sessions = await ranked([CANDIDATE]);
    expect(sessions.get(unsolved)?.raw.timeToSolutionMs).toBeNull();
    expect(sessions.get(unsolved)?.percentile.timeToSolutionMs).toBe(0);
    // slowest solved did as well or better than itself and the 2 unsolved: 3/4
    expect(sessions.get(slowest)?.percentile.timeToSolutionMs).toBe(75);
  });

  it("ranks the desk's times: sooner is better, never met or never acted at 0", async () => {
    const quick = await insert(CANDIDATE, {
      timeToRequiredCheckpointsMs: 200_000,
      timeToFirstActionMs: 40_000,
    });
    const never = await insert(CANDIDATE, {
      timeToRequiredCheckpointsMs: null,
      timeToFirstActionMs: null,
    });
    await insert(OTHERS, { timeToRequiredCheckpointsMs: 100_000, timeToFirstActionMs: 60_000 });
    await insert(OTHERS, { timeToRequiredCheckpointsMs: 300_000, timeToFirstActionMs: null });
    const sessions = await ranked([CANDIDATE]);
    expect(sessions.get(quick)?.raw).toMatchObject({
      timeToRequiredCheckpointsMs: 200_000,
      timeToFirstActionMs: 40_000,
    });
    // 200 s: itself, 300 s and the never-met one did as well or worse -> 3/4
    expect(sessions.get(quick)?.percentile.timeToRequiredCheckpointsMs).toBe(75);
    // 40 s: the soonest first action, all 4 as late or later (two never acted) -> 100
    expect(sessions.get(quick)?.percentile.timeToFirstActionMs).toBe(100);
    expect(sessions.get(never)?.raw.timeToRequiredCheckpointsMs).toBeNull();
    expect(sessions.get(never)?.percentile).toMatchObject({
      timeToRequiredCheckpointsMs: 0,
      timeToFirstActionMs: 0,
    });
  });

  it('is 100 for the only session of its scenario', async () => {
    const only = await insert(CANDIDATE, { medianResponseMs: 12_345.5 });
    const sessions = await ranked([CANDIDATE]);
    expect(sessions.get(only)?.raw.medianResponseMs).toBe(12_345.5);
    expect(sessions.get(only)?.percentile.medianResponseMs).toBe(100);
    expect(sessions.get(only)?.scenarioSessions).toBe(1);
  });

  it("ranks among the session's own scenario and the current version only", async () => {
    const mine = await insert(CANDIDATE, { firstResponseMs: 5000 });
    // Slower, but of another scenario or computed with an older definition: not counted.
    await insert(OTHERS, { firstResponseMs: 9000 }, { scenarioId: 'shipping' });
    await insert(OTHERS, { firstResponseMs: 9000 }, { version: VERSION - 1 });
    await insert(OTHERS, { firstResponseMs: 1000 });
    const sessions = await ranked([CANDIDATE]);
    // Among itself and the 1000: only itself took as long or longer -> 1/2
    expect(sessions.get(mine)?.percentile.firstResponseMs).toBe(50);
    expect(sessions.get(mine)?.scenarioSessions).toBe(2);
  });

  it('returns only the asked-for candidates’ sessions', async () => {
    const mine = await insert(CANDIDATE, { firstResponseMs: 5000 });
    await insert(OTHERS, { firstResponseMs: 1000 });
    const sessions = await ranked([CANDIDATE]);
    expect([...sessions.keys()]).toEqual([mine]);
    expect(sessions.get(mine)?.candidateId).toBe(CANDIDATE);
  });
});
