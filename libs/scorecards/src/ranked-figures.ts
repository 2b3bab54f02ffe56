import type { RankedRating } from '@hotseat/feedback';
import type { MetricKey } from '@hotseat/metrics';

/**
 * The figures ranked as percentiles among all ended sessions of the same scenario, so a hard scenario
 * does not punish its candidates. A percentile is the share of those sessions that did as well or
 * worse (cume_dist, worst first): 100 is the best of them. `missing: 'worst'` ranks an empty
 * value (never solved, never calm) below every real one, at 0; `missing: 'unranked'` leaves it out
 * (a session not rated yet). Figures of the session (`column`) are ranked here, over session_figures;
 * those of its rating (`rating`) by the feedback library, among its scenario's submitted ratings.
 */
export const RANKED_FIGURES = [
  {
    key: 'timeToSolutionMs',
    label: 'Time to solution (ms)',
    column: 'time_to_solution_ms',
    better: 'lower',
    missing: 'worst',
    definition: 'timeToSolutionMs',
  },
  {
    // Beside the interviewer's "solved": where the desk meets the checkpoints, the objective time.
    key: 'timeToRequiredCheckpointsMs',
    label: 'Time to the required checkpoints (ms)',
    column: 'time_to_required_checkpoints_ms',
    better: 'lower',
    missing: 'worst',
    definition: 'timeToRequiredCheckpointsMs',
  },
  {
    key: 'firstResponseMs',
    label: 'First response (ms)',
    column: 'first_response_ms',
    better: 'lower',
    missing: 'worst',
    definition: 'firstResponseMs',
  },
  {
    key: 'timeToFirstActionMs',
    label: 'Time to the first desk action (ms)',
    column: 'time_to_first_action_ms',
    better: 'lower',
    missing: 'worst',
    definition: 'timeToFirstActionMs',
  },
  {
    key: 'medianResponseMs',
    label: 'Median response (ms)',
    column: 'median_response_ms',
    better: 'lower',
    missing: 'worst',
    definition: 'medianResponseMs',
  },
  {
    key: 'timeToCalmMs',
    label: 'Time to calm (ms)',
    column: 'time_to_calm_ms',
    better: 'lower',
    missing: 'worst',
    definition: 'deEscalation.timeToCalmMs',
  },
  {
    key: 'checkpointsHit',
    label: 'Checkpoints hit (share)',
    column: 'checkpoints_hit',
    better: 'higher',
    missing: 'worst',
    definition: 'checkpoints.hit',
  },
  {
    key: 'rubricMean',
    label: 'Interviewer rubric rating (mean, 1-4)',
    rating: 'rubricMean',
    better: 'higher',
    missing: 'unranked',
    definition: null,
  },
  {
    key: 'csat',
    label: 'CSAT as this customer (1-5)',
    rating: 'csat',
    better: 'higher',
    missing: 'unranked',
    definition: null,
  },
] as const satisfies ReadonlyArray<
  {
    key: string;
    label: string;
    better: 'lower' | 'higher';
    missing: 'worst' | 'unranked';
    definition: MetricKey | null;
  } & ({ column: string } | { rating: 'rubricMean' | 'csat' })
>;

type RankedFigure = (typeof RANKED_FIGURES)[number];
type SessionFigure = Extract<RankedFigure, { column: string }>;
const SESSION_FIGURES = RANKED_FIGURES.filter((f): f is SessionFigure => 'column' in f);

export type RankedKey = (typeof RANKED_FIGURES)[number]['key'];

/**
 * The role-play figures that make up the overall score's `roleplay` component. The desk's figures
 * (time to the required checkpoints, to the first action) are ranked and shown but left out, so the
 * score means what it meant before the desk (docs/scorecards.md, "The overall score").
 */
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
function percentileSql({ key, better, missing }: SessionFigure): string {
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
 * ids), each with every figure of the session raw and as a percentile among all ended sessions of its
 * scenario whose figures follow the current definitions (`$2`: METRICS_VERSION).
 */
export const RANKED_SESSIONS_SQL = `
  WITH base AS (
    SELECT session_id, candidate_id, scenario_id,
           ${SESSION_FIGURES.map(({ key, column }) => `${column} AS "${key}"`).join(', ')}
    FROM session_figures
    WHERE version = $2
      AND scenario_id IN (SELECT scenario_id FROM session_figures WHERE candidate_id = ANY($1::uuid[]))
  )
  SELECT m.session_id, m.candidate_id, m.scenario_id, count(*) AS scenario_sessions,
         ${SESSION_FIGURES.map((figure) => `m."${figure.key}" AS "raw_${figure.key}", ${percentileSql(figure)} AS "pct_${figure.key}"`).join(',\n         ')}
  FROM base m JOIN base b ON b.scenario_id = m.scenario_id
  WHERE m.candidate_id = ANY($1::uuid[])
  GROUP BY m.session_id, m.candidate_id, m.scenario_id,
           ${SESSION_FIGURES.map(({ key }) => `m."${key}"`).join(', ')}`;

/** A percentile with one decimal, from cume_dist's 0-1 share. */
const percentile = (share: number | null) =>
  share === null ? null : Math.round(share * 1000) / 10;

/** One row of RANKED_SESSIONS_SQL, with the session's rating ranked as `rating` says (if rated). */
export function toRankedSession(
  row: Record<string, unknown>,
  rating: RankedRating | undefined,
): RankedSession {
  const number = (value: unknown) => (value === null ? null : Number(value));
  const figures = (read: (figure: RankedFigure) => number | null) =>
    Object.fromEntries(RANKED_FIGURES.map((figure) => [figure.key, read(figure)])) as Record<
      RankedKey,
      number | null
    >;
  return {
    sessionId: String(row.session_id),
    candidateId: String(row.candidate_id),
    scenarioId: String(row.scenario_id),
    scenarioSessions: Number(row.scenario_sessions),
    raw: figures((figure) =>
      'column' in figure ? number(row[`raw_${figure.key}`]) : (rating?.[figure.rating] ?? null),
    ),
    percentile: figures((figure) =>
      percentile(
        'column' in figure
          ? number(row[`pct_${figure.key}`])
          : (rating?.[`${figure.rating}Share`] ?? null),
      ),
    ),
  };
}
