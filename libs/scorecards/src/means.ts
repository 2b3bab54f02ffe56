import { SHADOW_QUESTIONS, type ShadowQuestion } from '@hotseat/feedback';
import { RANKED_FIGURES, type RankedKey, type RankedSession } from './ranked-figures';

/** Mean of the values that exist, through `then`; null when none does. */
export function mean(
  values: Array<number | null>,
  then: (m: number) => number = (m) => m,
): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? null : then(present.reduce((a, b) => a + b, 0) / present.length);
}

export const round1 = (value: number | null) =>
  value === null ? null : Math.round(value * 10) / 10;

export interface MeanRanked {
  raw: number | null;
  /** Sessions without a value (never solved...), left out of `raw`. */
  missing: number;
  percentile: number | null;
}

/**
 * A candidate's ranked figures over their ended sessions: the mean of the raw values that exist, with
 * how many sessions have none (never solved...), and the mean percentile.
 */
export function meanRanked(sessions: RankedSession[]): Record<RankedKey, MeanRanked> {
  return Object.fromEntries(
    RANKED_FIGURES.map(({ key }) => [
      key,
      {
        raw: round1(mean(sessions.map((s) => s.raw[key]))),
        missing: sessions.filter((s) => s.raw[key] === null).length,
        percentile: round1(mean(sessions.map((s) => s.percentile[key]))),
      },
    ]),
  ) as Record<RankedKey, MeanRanked>;
}

/** A shadow host's mean over the three questions; null until every one is answered. */
export function shadowMean(
  feedback: Record<ShadowQuestion, { score: number | null } | null>,
): number | null {
  const scores = (Object.keys(SHADOW_QUESTIONS) as ShadowQuestion[]).map(
    (question) => feedback[question]?.score ?? null,
  );
  return scores.includes(null) ? null : mean(scores);
}
