import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { randomInt } from 'node:crypto';
import {
  RatingsService,
  SHADOW_QUESTIONS,
  ShadowingService,
  type RatingView,
  type ShadowQuestion,
} from '@hotseat/feedback';
import { canSeeSession, requireAccess, type StaffPrincipal } from '@hotseat/identity';
import {
  DEFAULT_WEIGHTS,
  METRIC_DEFINITIONS,
  METRICS_VERSION,
  overallScore,
  PHRASE_CATEGORIES,
  SCORE_COMPONENTS,
  scaleRating,
  type SessionMetrics,
} from '@hotseat/metrics';
import { Candidate, CandidatesService, OpeningsService, RoleplaySession } from '@hotseat/roleplay';
import { SessionFigures } from './entities/session-figures.entity';
import {
  RANKED_FIGURES,
  RANKED_SESSIONS_SQL,
  ROLEPLAY_SCORE_FIGURES,
  toRankedSession,
  type RankedKey,
  type RankedSession,
} from './ranked-figures';
import { SessionFiguresService } from './session-figures.service';

/** Raters who differ by this much on one attribute are worth a conversation. */
export const DISAGREEMENT_POINTS = 2;

type Summary = Awaited<ReturnType<ScorecardsService['summaries']>>[number];

/** A row of the comparison: one figure for every compared candidate, the best marked. */
export interface ComparisonRow {
  key: string;
  label: string;
  definition: string | null;
  /** Which way is better; null: a signal, shown but never ranked. */
  better: 'lower' | 'higher' | null;
  values: Array<{
    candidate: string;
    raw: number | string | null;
    /** Ranked figures: sessions without a value (never solved...), left out of `raw`. */
    missing?: number;
    percentile?: number | null;
    best: boolean;
  }>;
}

/** Scorecards and comparisons: every session's figures, signals and ratings, and the feedback. */
@Injectable()
export class ScorecardsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly figures: SessionFiguresService,
    private readonly candidates: CandidatesService,
    private readonly openings: OpeningsService,
    private readonly ratings: RatingsService,
    private readonly shadowing: ShadowingService,
  ) {}

  /** A session's figures from its log as it is now, live or ended. */
  async sessionMetrics(staff: StaffPrincipal, sessionId: string) {
    const session = await this.dataSource
      .getRepository(RoleplaySession)
      .findOneBy({ id: sessionId });
    requireAccess(!!session && canSeeSession(staff, session), 'role-play');
    return {
      sessionId,
      status: session!.status,
      figures: await this.figures.compute(session!),
      definitions: METRIC_DEFINITIONS,
    };
  }

  /**
   * One candidate's scorecard. Managers and admins see any; an interviewer sees the candidates they
   * may see, once they have submitted their own rating, so as not to be anchored by the others'.
   */
  async scorecard(staff: StaffPrincipal, candidateId: string) {
    await this.candidates.get(staff, candidateId);
    if (
      staff.user.role === 'interviewer' &&
      !(await this.ratings.hasSubmitted(staff.user.id, candidateId))
    ) {
      throw new ForbiddenException(
        "Submit your own rating of this candidate first; then you can see the scorecard with everyone's ratings.",
      );
    }
    const [summary] = await this.summaries([candidateId]);
    return { ...summary, definitions: METRIC_DEFINITIONS, scoreComponents: SCORE_COMPONENTS };
  }

  /** Candidates side by side; `blind` hides who they are (names, emails, ids) and shuffles them. */
  async compare(candidateIds: string[], blind: boolean) {
    const summaries = await this.summaries(candidateIds);
    const order = blind ? shuffled(summaries) : summaries;
    const refs = new Map(
      order.map((summary, index) => [
        summary.candidate.id,
        blind ? `Candidate ${index + 1}` : summary.candidate.id,
      ]),
    );
    const ref = (summary: Summary) => refs.get(summary.candidate.id)!;
    return {
      blind,
      candidates: order.map((summary) => ({
        ref: ref(summary),
        ...(blind
          ? {}
          : {
              id: summary.candidate.id,
              name: summary.candidate.name,
              email: summary.candidate.email,
            }),
        opening: summary.candidate.opening,
        sessions: summary.sessions.filter((session) => session.figures).length,
        scenarios: [...new Set(summary.sessions.map((session) => session.scenario.id))],
        overallScore: summary.overall.score,
        formula: summary.overall.formula,
      })),
      rows: comparisonRows(order, ref),
      disagreements: order.flatMap((summary) =>
        summary.disagreements.map((disagreement) => ({ candidate: ref(summary), ...disagreement })),
      ),
      percentileBase: Object.fromEntries(
        order.flatMap((summary) =>
          summary.sessions.flatMap((session) =>
            session.ranked ? [[session.scenario.id, session.ranked.scenarioSessions]] : [],
          ),
        ),
      ),
    };
  }

  /** One row per session of an opening's candidates, for a spreadsheet; `blind` as in compare. */
  async openingSessions(openingId: string, blind: boolean) {
    const opening = await this.openings.get(openingId);
    const ids = await this.dataSource
      .getRepository(Candidate)
      .find({ where: { openingId }, select: { id: true }, order: { createdAt: 'ASC' } });
    const summaries = await this.summaries(ids.map(({ id }) => id));
    return { opening, summaries: blind ? shuffled(summaries) : summaries, blind };
  }

  /**
   * Everything known about these candidates, in the order given: their sessions with figures and
   * percentiles, submitted ratings, shadowing feedback, disagreements and the overall score.
   */
  async summaries(candidateIds: string[]) {
    const candidates = await this.dataSource
      .getRepository(Candidate)
      .find({ where: { id: In(candidateIds) }, relations: { opening: true } });
    const missing = candidateIds.filter((id) => !candidates.some((c) => c.id === id));
    if (missing.length > 0) {
      throw new NotFoundException(`There is no candidate with the id ${missing.join(', ')}.`);
    }
    await this.figures.refresh({ candidateIds });

    const [sessions, stored, rankedRows, ratings, shadowing] = await Promise.all([
      this.dataSource.getRepository(RoleplaySession).find({
        where: { candidateId: In(candidateIds) },
        relations: { interviewer: true, scenarioVersion: true },
        order: { createdAt: 'ASC' },
      }),
      this.dataSource
        .getRepository(SessionFigures)
        .find({ where: { candidateId: In(candidateIds) } }),
      this.dataSource.query<Array<Record<string, unknown>>>(RANKED_SESSIONS_SQL, [
        candidateIds,
        METRICS_VERSION,
      ]),
      this.ratings.submitted(candidateIds),
      this.shadowing.forCandidates(candidateIds),
    ]);
    const figuresOf = new Map(stored.map((row) => [row.sessionId, row.figures]));
    const rankedOf = new Map(rankedRows.map(toRankedSession).map((row) => [row.sessionId, row]));

    return candidateIds.map((candidateId) => {
      const candidate = candidates.find((c) => c.id === candidateId)!;
      const own = sessions
        .filter((session) => session.candidateId === candidateId)
        .map((session) => ({
          id: session.id,
          status: session.status,
          scenario: {
            id: session.scenarioId,
            title: session.scenarioVersion.definition.title,
            version: session.scenarioVersion.hash.slice(0, 12),
          },
          interviewer: { id: session.interviewerId, name: session.interviewer.name },
          startedAt: session.startedAt,
          endedAt: session.endedAt,
          figures: figuresOf.get(session.id) ?? null,
          ranked: rankedOf.get(session.id) ?? null,
          rating: ratings.find((rating) => rating.sessionId === session.id) ?? null,
        }));
      const ownRatings = ratings.filter((rating) => rating.candidateId === candidateId);
      const ownShadowing = shadowing.filter((feedback) => feedback.candidateId === candidateId);
      const ranked = own.flatMap((session) => (session.ranked ? [session.ranked] : []));
      const figures = meanRanked(ranked);
      return {
        candidate: {
          id: candidate.id,
          name: candidate.name,
          email: candidate.email,
          opening: candidate.opening && {
            id: candidate.opening.id,
            title: candidate.opening.title,
          },
        },
        sessions: own,
        ratings: ownRatings,
        shadowing: ownShadowing,
        figures,
        signals: signalSummary(
          own.flatMap((session) => (session.figures ? [session.figures] : [])),
        ),
        disagreements: disagreements(ownRatings, ownShadowing),
        overall: overallScore(
          {
            rubric: mean(
              ownRatings.map((r) => r.rubricMean),
              (m) => scaleRating(m, 4),
            ),
            csat: mean(
              ownRatings.map((r) => r.csat),
              (m) => scaleRating(m, 5),
            ),
            productTeam: mean(
              ownRatings.map((r) => r.productTeam.score),
              (m) => scaleRating(m, 4),
            ),
            shadowing: mean(
              ownShadowing.map((feedback) => shadowMean(feedback)),
              (m) => scaleRating(m, 4),
            ),
            roleplay: mean(ROLEPLAY_SCORE_FIGURES.map((key) => figures[key].percentile)),
          },
          candidate.opening?.weights ?? DEFAULT_WEIGHTS,
        ),
      };
    });
  }
}

/** Mean of the values that exist, through `then`; null when none does. */
function mean(values: Array<number | null>, then: (m: number) => number = (m) => m): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? null : then(present.reduce((a, b) => a + b, 0) / present.length);
}

const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/**
 * A candidate's ranked figures over their ended sessions: the mean of the raw values that exist, with
 * how many sessions have none (never solved...), and the mean percentile.
 */
function meanRanked(sessions: RankedSession[]) {
  return Object.fromEntries(
    RANKED_FIGURES.map(({ key }) => [
      key,
      {
        raw: round1(mean(sessions.map((s) => s.raw[key]))),
        missing: sessions.filter((s) => s.raw[key] === null).length,
        percentile: round1(mean(sessions.map((s) => s.percentile[key]))),
      },
    ]),
  ) as Record<RankedKey, { raw: number | null; missing: number; percentile: number | null }>;
}

function shadowMean(
  feedback: Record<ShadowQuestion, { score: number | null } | null>,
): number | null {
  const scores = (Object.keys(SHADOW_QUESTIONS) as ShadowQuestion[]).map(
    (question) => feedback[question]?.score ?? null,
  );
  return scores.includes(null) ? null : mean(scores);
}

/** The words behind the figures, over a candidate's ended sessions: signals, never verdicts. */
function signalSummary(figures: SessionMetrics[]) {
  const sum = (read: (f: SessionMetrics) => number) => figures.reduce((t, f) => t + read(f), 0);
  return {
    helpCenterUsage: figures.map((f) => f.helpCenter.usage),
    searches: sum((f) => f.helpCenter.searches),
    timeInArticlesMs: sum((f) => f.helpCenter.timeInArticlesMs),
    phrases: Object.fromEntries(
      PHRASE_CATEGORIES.map((category) => [category, sum((f) => f.deEscalation.signals[category])]),
    ),
    cannedAnswers: figures.flatMap((f) => f.conversation.cannedAnswers),
    heardFlags: figures.flatMap((f) => f.conversation.heard.flags),
    customerTrend: figures.map((f) => f.conversation.sentiment.customerTrend?.direction ?? null),
    pastes: sum((f) => f.attention.pastes),
    awayMs: sum((f) => f.attention.awayMs),
  };
}

type ShadowView = Awaited<ReturnType<ShadowingService['forCandidates']>>[number];

/**
 * What this candidate's raters (interviewers on rubric attributes, CSAT and the product-team question;
 * shadow hosts on their questions) differ on by DISAGREEMENT_POINTS or more: two different raters,
 * not one rater's two sessions.
 */
function disagreements(ratings: RatingView[], shadowing: ShadowView[]) {
  type Score = { rater: string; raterKey: string; score: number };
  const byAttribute = new Map<string, { label: string; scores: Score[] }>();
  const add = (
    attribute: string,
    label: string,
    rater: string,
    raterKey: string,
    score: number | null,
  ) => {
    if (score === null) return;
    const entry = byAttribute.get(attribute) ?? { label, scores: [] };
    entry.scores.push({ rater, raterKey, score });
    byAttribute.set(attribute, entry);
  };
  for (const rating of ratings) {
    const rater = [rating.rater.name, `staff:${rating.rater.id}`] as const;
    for (const attribute of rating.attributes) {
      add(`rubric:${attribute.id}`, attribute.label, ...rater, attribute.score);
    }
    add('csat', 'CSAT as this customer', ...rater, rating.csat);
    add('productTeam', 'Working with the product team', ...rater, rating.productTeam.score);
  }
  for (const feedback of shadowing) {
    for (const question of Object.keys(SHADOW_QUESTIONS) as ShadowQuestion[]) {
      const score = feedback[question]?.score ?? null;
      add(
        `shadow:${question}`,
        SHADOW_QUESTIONS[question],
        feedback.hostName,
        `host:${feedback.id}`,
        score,
      );
    }
  }
  return [...byAttribute.entries()].flatMap(([attribute, { label, scores }]) => {
    const spread = Math.max(
      0,
      ...scores.flatMap((a) =>
        scores.filter((b) => b.raterKey !== a.raterKey).map((b) => a.score - b.score),
      ),
    );
    return spread >= DISAGREEMENT_POINTS
      ? [{ attribute, label, spread, scores: scores.map(({ rater, score }) => ({ rater, score })) }]
      : [];
  });
}

/** The comparison's rows: ranked figures (best by percentile), scores (best by value), signals. */
function comparisonRows(summaries: Summary[], ref: (summary: Summary) => string): ComparisonRow[] {
  const row = (
    key: string,
    label: string,
    better: ComparisonRow['better'],
    definition: string | null,
    read: (summary: Summary) => {
      raw: number | string | null;
      missing?: number;
      percentile?: number | null;
    },
  ): ComparisonRow => {
    const values = summaries.map((summary) => ({ candidate: ref(summary), ...read(summary) }));
    const rank = (value: (typeof values)[number]) =>
      value.percentile !== undefined
        ? value.percentile
        : typeof value.raw === 'number'
          ? value.raw
          : null;
    const ranks = values.map(rank).filter((r): r is number => r !== null);
    const usesPercentile = values.some((value) => value.percentile !== undefined);
    const best =
      better === null || ranks.length === 0
        ? null
        : usesPercentile || better === 'higher'
          ? Math.max(...ranks)
          : Math.min(...ranks);
    return {
      key,
      label,
      definition,
      better,
      values: values.map((value) => ({ ...value, best: best !== null && rank(value) === best })),
    };
  };
  const definitions: Record<string, string> = METRIC_DEFINITIONS;
  return [
    row(
      'overallScore',
      'Overall score (0-100)',
      'higher',
      "See each candidate's formula.",
      (s) => ({
        raw: s.overall.score,
      }),
    ),
    ...RANKED_FIGURES.map((figure) =>
      row(
        figure.key,
        figure.label,
        figure.better,
        figure.definition ? definitions[figure.definition] : null,
        (s) => s.figures[figure.key],
      ),
    ),
    row('productTeam', 'Product-team question (1-4)', 'higher', null, (s) => ({
      raw: round1(mean(s.ratings.map((r) => r.productTeam.score))),
    })),
    row('shadowing', 'Shadowing feedback (mean, 1-4)', 'higher', null, (s) => ({
      raw: round1(mean(s.shadowing.map(shadowMean))),
    })),
    row('recommendation', 'Recommendations', null, null, (s) => ({
      raw: s.ratings.map((r) => r.recommendation).join(', ') || null,
    })),
    row('helpCenter.usage', 'Help-center usage', null, definitions['helpCenter.usage'], (s) => ({
      raw: s.signals.helpCenterUsage.join(', ') || null,
    })),
    row(
      'helpCenter.searches',
      'Help-center searches',
      null,
      definitions['helpCenter.searches'],
      (s) => ({
        raw: s.signals.searches,
      }),
    ),
    row(
      'helpCenter.timeInArticlesMs',
      'Time in articles (ms)',
      null,
      definitions['helpCenter.timeInArticlesMs'],
      (s) => ({
        raw: s.signals.timeInArticlesMs,
      }),
    ),
    ...PHRASE_CATEGORIES.map((category) =>
      row(
        `signals.${category}`,
        `Phrases: ${category}`,
        null,
        definitions['deEscalation.signals'],
        (s) => ({
          raw: s.signals.phrases[category],
        }),
      ),
    ),
    row('cannedAnswers', 'Canned answers (copied from an article)', null, null, (s) => ({
      raw: s.signals.cannedAnswers.length,
    })),
    row('heardFlags', 'De-escalation order flags', null, null, (s) => ({
      raw: s.signals.heardFlags.map((flag) => flag.message).join(' ') || null,
    })),
    row('attention.pastes', 'Pastes', null, definitions['attention.pastes'], (s) => ({
      raw: s.signals.pastes,
    })),
    row(
      'attention.awayMs',
      'Time away from the tab (ms)',
      null,
      definitions['attention.awayMs'],
      (s) => ({
        raw: s.signals.awayMs,
      }),
    ),
  ];
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
