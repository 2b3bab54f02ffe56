import type { MetricKey } from '@hotseat/metrics';

/**
 * The figures ranked as percentiles among all ended sessions of the same scenario, so a hard scenario
 * does not punish its candidates. A percentile is the share of those sessions that did as well or
 * worse (cume_dist, worst first): 100 is the best of them. `missing: 'worst'` ranks an empty
 * value (never solved, never calm) below every real one, at 0; `missing: 'unranked'` leaves it out
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

/**
 * cume_dist, worst first, for one session `m` among the sessions `b` of its scenario: the share of
 * them that did as well or worse. Counted with FILTER for the few sessions asked for, instead of
 * window functions that would sort every session of the scenario once per figure.
 */
function percentileSql({ key, better, missing }: (typeof RANKED_FIGURES)[number]): string {
  const [mine, theirs] = [`m."${key}"`, `b."${key}"`];
  const asBadOrWorse = better === 'lower' ? `${theirs} >= ${mine}` : `${theirs} <= ${mine}`;
  if (missing === 'worst') {
    // An empty value (never solved...) is at 0, whatever others share it: it beat nobody.
    return `CASE WHEN ${mine} IS NULL THEN 0
            ELSE count(*) FILTER (WHERE ${theirs} IS NULL OR ${asBadOrWorse})::float8 / count(*) END`;
  }
  return `CASE WHEN ${mine} IS NULL THEN NULL
          ELSE count(*) FILTER (WHERE ${asBadOrWorse})::float8 / count(${theirs}) END`;
}

/**
 * The query behind every comparison and scorecard: the asked-for candidates' sessions (`$1`: their
 * ids), each with every ranked figure raw and as a percentile among all ended sessions of its scenario
 * whose figures follow the current definitions (`$2`: METRICS_VERSION).
 */
export const RANKED_SESSIONS_SQL = `
  WITH base AS (
    SELECT f.session_id, f.candidate_id, f.scenario_id,
           ${RANKED_FIGURES.map(({ key, column }) => `${column} AS "${key}"`).join(', ')}
    FROM session_figures f
    LEFT JOIN ratings r ON r.session_id = f.session_id AND r.submitted_at IS NOT NULL
    WHERE f.version = $2
      AND f.scenario_id IN (SELECT scenario_id FROM session_figures WHERE candidate_id = ANY($1::uuid[]))
  )
  SELECT m.session_id, m.candidate_id, m.scenario_id, count(*) AS scenario_sessions,
         ${RANKED_FIGURES.map((figure) => `m."${figure.key}" AS "raw_${figure.key}", ${percentileSql(figure)} AS "pct_${figure.key}"`).join(',\n         ')}
  FROM base m JOIN base b ON b.scenario_id = m.scenario_id
  WHERE m.candidate_id = ANY($1::uuid[])
  GROUP BY m.session_id, m.candidate_id, m.scenario_id,
           ${RANKED_FIGURES.map(({ key }) => `m."${key}"`).join(', ')}`;

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
