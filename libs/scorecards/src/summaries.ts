import type { RatingView, ShadowFeedbackView } from '@hotseat/feedback';
import type { CandidateView } from '@hotseat/hiring';
import {
  overallScore,
  PHRASE_CATEGORIES,
  scaleRating,
  type OverallScore,
  type ScoreWeights,
  type SessionMetrics,
} from '@hotseat/metrics';
import type { SessionStatus } from '@hotseat/events';
import { disagreements, type Disagreement } from './disagreements';
import { mean, meanRanked, shadowMean, type MeanRanked } from './means';
import { ROLEPLAY_SCORE_FIGURES, type RankedKey, type RankedSession } from './ranked-figures';

/** One role-play on a scorecard: who ran it, its stored figures and their ranks, its rating. */
export interface SummarySession {
  id: string;
  status: SessionStatus;
  scenario: { id: string; title: string; version: string };
  scenarioVersionId: string;
  interviewer: { id: string; name: string };
  startedAt: Date | null;
  endedAt: Date | null;
  figures: SessionMetrics | null;
  ranked: RankedSession | null;
  rating: (RatingView & { candidateId: string }) | null;
}

export type ShadowingOnCard = ShadowFeedbackView & {
  candidateId: string;
  linkExpiresAt: Date;
  linkRevokedAt: Date | null;
};

/** Everything known about one candidate: what a scorecard shows and a comparison lines up. */
export interface CandidateSummary {
  candidate: CandidateView;
  sessions: SummarySession[];
  ratings: Array<RatingView & { candidateId: string }>;
  shadowing: ShadowingOnCard[];
  figures: Record<RankedKey, MeanRanked>;
  signals: SignalSummary;
  disagreements: Disagreement[];
  overall: OverallScore;
}

export type SignalSummary = ReturnType<typeof signalSummary>;

/**
 * A candidate's summary from their sessions, their submitted ratings (oldest first) and their
 * shadowing, with the opening's weights.
 */
export function summarize(
  candidate: CandidateView,
  sessions: SummarySession[],
  ratings: Array<RatingView & { candidateId: string }>,
  shadowing: ShadowingOnCard[],
  weights: ScoreWeights,
): CandidateSummary {
  const figures = meanRanked(
    sessions.flatMap((session) => (session.ranked ? [session.ranked] : [])),
  );
  return {
    candidate,
    sessions,
    ratings,
    shadowing,
    figures,
    signals: signalSummary(
      sessions.flatMap((session) => (session.figures ? [session.figures] : [])),
    ),
    disagreements: disagreements(ratings, shadowing),
    overall: overallScore(
      {
        rubric: mean(
          ratings.map((r) => r.rubricMean),
          (m) => scaleRating(m, 4),
        ),
        csat: mean(
          ratings.map((r) => r.csat),
          (m) => scaleRating(m, 5),
        ),
        productTeam: mean(
          ratings.map((r) => r.productTeam.score),
          (m) => scaleRating(m, 4),
        ),
        shadowing: mean(
          shadowing.map((feedback) => shadowMean(feedback)),
          (m) => scaleRating(m, 4),
        ),
        roleplay: mean(ROLEPLAY_SCORE_FIGURES.map((key) => figures[key].percentile)),
      },
      weights,
    ),
  };
}

/** The words behind the figures, over a candidate's ended sessions: signals, never verdicts. */
export function signalSummary(figures: SessionMetrics[]) {
  const sum = (read: (f: SessionMetrics) => number) => figures.reduce((t, f) => t + read(f), 0);
  return {
    helpCenterUsage: figures.map((f) => f.helpCenter.usage),
    searches: sum((f) => f.helpCenter.searches),
    timeInArticlesMs: sum((f) => f.helpCenter.timeInArticlesMs),
    phrases: Object.fromEntries(
      PHRASE_CATEGORIES.map((category) => [category, sum((f) => f.deEscalation.signals[category])]),
    ) as Record<(typeof PHRASE_CATEGORIES)[number], number>,
    cannedAnswers: figures.flatMap((f) => f.conversation.cannedAnswers),
    heardFlags: figures.flatMap((f) => f.conversation.heard.flags),
    customerTrend: figures.map((f) => f.conversation.sentiment.customerTrend?.direction ?? null),
    pastes: sum((f) => f.attention.pastes),
    awayMs: sum((f) => f.attention.awayMs),
    ...deskSignals(figures),
  };
}

/**
 * What the candidate did on the agent desk, over their sessions: counts summed, the rest one entry per
 * session. Figures stored before METRICS_VERSION 3 (until the start-up check recomputes them) have
 * no desk figures and count as no desk activity.
 */
function deskSignals(figures: SessionMetrics[]) {
  const desk = figures.map((f) => ({
    lookupsBeforeFirstAction: f.lookupsBeforeFirstAction ?? 0,
    mistakes: f.mistakes?.length ?? 0,
    confirmationSent: f.confirmationSent ?? false,
    confirmationFacts: f.confirmationFacts ?? [],
    productReport: f.productReport ?? { present: false, length: 0, fieldsFilled: 0, fields: 0 },
  }));
  return {
    lookupsBeforeFirstAction: desk.reduce((t, d) => t + d.lookupsBeforeFirstAction, 0),
    mistakes: desk.reduce((t, d) => t + d.mistakes, 0),
    confirmationSent: desk.map((d) => d.confirmationSent),
    /** Per session: how many of the facts the email rule names were found, of how many. */
    confirmationFacts: desk.map((d) => ({
      found: d.confirmationFacts.filter((fact) => fact.found).length,
      of: d.confirmationFacts.length,
    })),
    productReports: desk.map(({ productReport: { present, fieldsFilled, fields } }) => ({
      present,
      fieldsFilled,
      fields,
    })),
  };
}
