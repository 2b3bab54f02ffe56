import type { MetricKey } from '@hotseat/metrics';

/**
 * The figures ranked as percentiles among all ended sessions of the same scenario, so a hard scenario
 * does not punish its candidates. A percentile is the share of those sessions that did as well or
 * worse (SQL cume_dist, worst first): 100 is the best of them. `missing: 'worst'` ranks an empty
 * value (never solved, never calm) below every real one; `missing: 'unranked'` leaves it out
 * (a session not rated yet).
 */
export const RANKED_FIGURES = [
  {
    key: 'timeToSolutionMs',
    label: 'Time to solution (ms)',
    column: 'f.time_to_solution_ms',
    better: 'lower',
    missing: 'worst',
    definition: 'timeToSolutionMs',
  },
  {
    key: 'firstResponseMs',
    label: 'First response (ms)',
    column: 'f.first_response_ms',
    better: 'lower',
    missing: 'worst',
    definition: 'firstResponseMs',
  },
  {
    key: 'medianResponseMs',
    label: 'Median response (ms)',
    column: 'f.median_response_ms',
    better: 'lower',
    missing: 'worst',
    definition: 'medianResponseMs',
  },
  {
    key: 'timeToCalmMs',
    label: 'Time to calm (ms)',
    column: 'f.time_to_calm_ms',
    better: 'lower',
    missing: 'worst',
    definition: 'deEscalation.timeToCalmMs',
  },
  {
    key: 'checkpointsHit',
    label: 'Checkpoints hit (share)',
    column: 'f.checkpoints_hit',
    better: 'higher',
    missing: 'worst',
    definition: 'checkpoints.hit',
  },
  {
    key: 'rubricMean',
    label: 'Interviewer rubric rating (mean, 1-4)',
    column: 'r.rubric_mean',
    better: 'higher',
    missing: 'unranked',
    definition: null,
  },
  {
    key: 'csat',
    label: 'CSAT as this customer (1-5)',
    column: 'r.csat',
    better: 'higher',
    missing: 'unranked',
    definition: null,
  },
] as const satisfies ReadonlyArray<{
  key: string;
  label: string;
  column: string;
  better: 'lower' | 'higher';
  missing: 'worst' | 'unranked';
  definition: MetricKey | null;
}>;

export type RankedKey = (typeof RANKED_FIGURES)[number]['key'];

/** The role-play figures that make up the overall score's `roleplay` component. */
export const ROLEPLAY_SCORE_FIGURES: RankedKey[] = [
  'timeToSolutionMs',
  'firstResponseMs',
  'medianResponseMs',
  'timeToCalmMs',
  'checkpointsHit',
];

/** One session of the asked-for candidates, with each ranked figure raw and as a percentile. */
export interface RankedSession {
  sessionId: string;
  candidateId: string;
  scenarioId: string;
  /** Ended sessions of this scenario that the percentiles are taken among. */
  scenarioSessions: number;
  raw: Record<RankedKey, number | null>;
  percentile: Record<RankedKey, number | null>;
}

function percentileSql({ column, better, missing }: (typeof RANKED_FIGURES)[number]): string {
  const worstFirst = better === 'lower' ? 'DESC' : 'ASC';
  if (missing === 'worst') {
    return `cume_dist() OVER (PARTITION BY f.scenario_id ORDER BY ${column} ${worstFirst} NULLS FIRST)`;
  }
  return `CASE WHEN ${column} IS NULL THEN NULL ELSE cume_dist() OVER (
            PARTITION BY f.scenario_id, ${column} IS NULL ORDER BY ${column} ${worstFirst}) END`;
}

/**
 * The query behind every comparison: the window functions run over all ended sessions of the
 * scenarios these candidates ran (one index scan per scenario), and only their sessions come back.
 * `$1` is the candidates' ids.
 */
export const RANKED_SESSIONS_SQL = `
  WITH ranked AS (
    SELECT f.session_id, f.candidate_id, f.scenario_id,
           count(*) OVER (PARTITION BY f.scenario_id) AS scenario_sessions,
           ${RANKED_FIGURES.map((figure) => `${figure.column} AS "raw_${figure.key}", ${percentileSql(figure)} AS "pct_${figure.key}"`).join(',\n           ')}
    FROM session_figures f
    LEFT JOIN ratings r ON r.session_id = f.session_id AND r.submitted_at IS NOT NULL
    WHERE f.scenario_id IN (SELECT scenario_id FROM session_figures WHERE candidate_id = ANY($1::uuid[]))
  )
  SELECT * FROM ranked WHERE candidate_id = ANY($1::uuid[])`;

export function toRankedSession(row: Record<string, unknown>): RankedSession {
  const figures = (read: (key: RankedKey) => number | null) =>
    Object.fromEntries(RANKED_FIGURES.map(({ key }) => [key, read(key)])) as Record<
      RankedKey,
      number | null
    >;
  const number = (value: unknown) => (value === null ? null : Number(value));
  return {
    sessionId: String(row.session_id),
    candidateId: String(row.candidate_id),
    scenarioId: String(row.scenario_id),
    scenarioSessions: Number(row.scenario_sessions),
    raw: figures((key) => number(row[`raw_${key}`])),
    // cume_dist is 0-1; a percentile with one decimal reads better.
    percentile: figures((key) => {
      const share = number(row[`pct_${key}`]);
      return share === null ? null : Math.round(share * 1000) / 10;
    }),
  };
}
