import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { RatingsService, ShadowingService } from '@hotseat/feedback';
import { CandidatesService, OpeningsService } from '@hotseat/hiring';
import type { StaffPrincipal } from '@hotseat/identity';
import { DEFAULT_WEIGHTS, METRIC_DEFINITIONS, SCORE_COMPONENTS } from '@hotseat/metrics';
import { SessionsService } from '@hotseat/roleplay';
import { comparisonRows } from './comparison-rows';
import { toRankedSession } from './ranked-figures';
import { SessionFiguresRepository } from './session-figures.repository';
import { SessionFiguresService } from './session-figures.service';
import { summarize, type CandidateSummary } from './summaries';

/**
 * Scorecards and comparisons: every session's figures, signals and ratings, and the feedback. Reads
 * only: figures are stored when sessions end (SessionFiguresService).
 */
@Injectable()
export class ScorecardsService {
  constructor(
    private readonly figures: SessionFiguresService,
    private readonly stored: SessionFiguresRepository,
    private readonly sessions: SessionsService,
    private readonly candidates: CandidatesService,
    private readonly openings: OpeningsService,
    private readonly ratings: RatingsService,
    private readonly shadowing: ShadowingService,
  ) {}

  /** A session's figures from its log as it is now, live or ended. */
  async sessionMetrics(staff: StaffPrincipal, sessionId: string) {
    const session = await this.sessions.visible(staff, sessionId);
    if (session.mode === 'practice') {
      throw new ConflictException(
        'This was a practice session: it has no figures, and never counts.',
      );
    }
    return {
      sessionId,
      status: session.status,
      figures: await this.figures.compute(session),
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
    const [summary] = await this.summaries(staff, [candidateId]);
    return { ...summary, definitions: METRIC_DEFINITIONS, scoreComponents: SCORE_COMPONENTS };
  }

  /** Candidates side by side; `blind` hides who they are (names, emails, ids) and shuffles them. */
  async compare(staff: StaffPrincipal, candidateIds: string[], blind: boolean) {
    const summaries = await this.summaries(staff, candidateIds);
    const order = blind ? shuffled(summaries) : summaries;
    const refs = new Map(
      order.map((summary, index) => [
        summary.candidate.id,
        blind ? `Candidate ${index + 1}` : summary.candidate.id,
      ]),
    );
    const ref = (summary: CandidateSummary) => refs.get(summary.candidate.id)!;
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
  async openingSessions(staff: StaffPrincipal, openingId: string, blind: boolean) {
    const opening = await this.openings.get(openingId);
    const summaries = await this.summaries(staff, await this.candidates.ofOpening(openingId));
    return { opening, summaries: blind ? shuffled(summaries) : summaries, blind };
  }

  /**
   * Everything known about these candidates, in the order given: their sessions with figures and
   * percentiles, submitted ratings, shadowing feedback, disagreements and the overall score. The
   * candidates are read with `staff`'s access (404 for any they may not see).
   */
  async summaries(staff: StaffPrincipal, candidateIds: string[]): Promise<CandidateSummary[]> {
    if (candidateIds.length === 0) return [];
    const [candidates, sessions] = await Promise.all([
      this.candidates.getMany(staff, candidateIds),
      this.sessions.ofCandidates(candidateIds),
    ]);
    const [stored, rankedRows, rankedRatings, ratings, shadowing, weights] = await Promise.all([
      this.stored.ofCandidates(candidateIds),
      this.stored.ranked(candidateIds),
      this.ratings.ranked(candidateIds),
      this.ratings.submitted(sessions),
      this.shadowing.forCandidates(candidateIds),
      this.weights(candidates.flatMap((candidate) => candidate.opening?.id ?? [])),
    ]);
    const ratingRanks = new Map(rankedRatings.map((rating) => [rating.sessionId, rating]));
    const rankedOf = new Map(
      rankedRows.map((row) => {
        const ranked = toRankedSession(row, ratingRanks.get(String(row.session_id)));
        return [ranked.sessionId, ranked];
      }),
    );
    return candidates.map((candidate) =>
      summarize(
        candidate,
        sessions
          .filter((session) => session.candidateId === candidate.id)
          .map((session) => ({
            id: session.id,
            status: session.status,
            scenario: session.scenario,
            scenarioVersionId: session.scenarioVersionId,
            interviewer: session.interviewer,
            startedAt: session.startedAt,
            endedAt: session.endedAt,
            figures: stored.get(session.id) ?? null,
            ranked: rankedOf.get(session.id) ?? null,
            rating: ratings.find((rating) => rating.sessionId === session.id) ?? null,
          })),
        ratings.filter((rating) => rating.candidateId === candidate.id),
        shadowing.filter((feedback) => feedback.candidateId === candidate.id),
        (candidate.opening && weights.get(candidate.opening.id)) ?? DEFAULT_WEIGHTS,
      ),
    );
  }

  private async weights(openingIds: string[]) {
    const openings = await Promise.all([...new Set(openingIds)].map((id) => this.openings.get(id)));
    return new Map(openings.map((opening) => [opening.id, opening.weights]));
  }
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
