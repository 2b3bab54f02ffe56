import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
} from '@nestjs/common';
import { UsersService, type StaffPrincipal } from '@hotseat/identity';
import { SessionsService } from '@hotseat/roleplay';
import { ScenariosService } from '@hotseat/scenarios';
import type { SaveRatingDto } from './dto/save-rating.dto';
import {
  checkedAttributes,
  missingParts,
  ratingView,
  rubricMean,
  type RatingView,
} from './rating-rules';
import { RatingsRepository, type RankedRating } from './ratings.repository';

/**
 * Interviewers' ratings of role-plays. A rating is its interviewer's draft until submitted, then
 * final; nobody else sees a draft, and scorecards count only submitted ratings.
 */
@Injectable()
export class RatingsService {
  constructor(
    private readonly ratings: RatingsRepository,
    private readonly sessions: SessionsService,
    private readonly scenarios: ScenariosService,
    private readonly users: UsersService,
  ) {}

  async save(staff: StaffPrincipal, sessionId: string, body: SaveRatingDto): Promise<RatingView> {
    const session = await this.sessions.visible(staff, sessionId);
    if (session.mode === 'practice') {
      throw new ConflictException(
        'This was a practice session: nothing in it is rated or counted.',
      );
    }
    if (session.role !== 'interviewer') {
      throw new ForbiddenException('Only the interviewer who ran this role-play rates it.');
    }
    if (session.status === 'scheduled' || session.status === 'cancelled') {
      throw new ConflictException(
        session.status === 'scheduled'
          ? 'This role-play has not started yet: rate it once it is under way.'
          : 'This role-play was cancelled: there is nothing to rate.',
      );
    }
    const { rubric } = await this.scenarios.version(session.scenarioVersionId);
    const rating = await this.ratings.transaction(async (manager) => {
      // Live role-plays always have a candidate (roleplay_sessions_candidate_check).
      const draft = await this.ratings.lockedDraft(manager, {
        ...session,
        candidateId: session.candidateId!,
      });
      if (draft.submittedAt) {
        throw new ConflictException('This rating was submitted and can no longer change.');
      }
      if (body.attributes) draft.attributes = checkedAttributes(body.attributes, rubric);
      if (body.csat !== undefined) draft.csat = body.csat;
      if (body.productTeam) {
        draft.productTeamScore = body.productTeam.score;
        draft.productTeamNotes = body.productTeam.notes ?? '';
      }
      if (body.recommendation) draft.recommendation = body.recommendation;
      if (body.submit) {
        if (session.status !== 'ended') {
          throw new ConflictException(
            'Submit the rating once the role-play has ended; until then it is kept as a draft.',
          );
        }
        const missing = missingParts(draft, rubric);
        if (missing.length > 0) {
          throw new BadRequestException(
            `To submit, every part needs an answer; still missing: ${missing.join('; ')}. Nothing was changed.`,
          );
        }
        draft.submittedAt = new Date();
        draft.rubricMean = rubricMean(draft.attributes);
      }
      return this.ratings.save(manager, draft);
    });
    return ratingView(rating, rubric, staff.user.name);
  }

  /**
   * The ratings of a session that `staff` may read: its interviewer their own, draft or not; managers
   * and admins the submitted one.
   */
  async forSession(staff: StaffPrincipal, sessionId: string): Promise<RatingView[]> {
    const session = await this.sessions.visible(staff, sessionId);
    const ratings = await this.ratings.ofSession(sessionId, {
      submittedOnly: session.role !== 'interviewer',
    });
    const [{ rubric }, names] = await Promise.all([
      this.scenarios.version(session.scenarioVersionId),
      this.users.names(ratings.map((rating) => rating.raterId)),
    ]);
    return ratings.map((rating) => ratingView(rating, rubric, names.get(rating.raterId) ?? ''));
  }

  /**
   * The submitted ratings of these sessions, oldest first; the caller has checked that its reader
   * may see them (a scorecard).
   */
  async submitted(
    sessions: Array<{ id: string; scenarioVersionId: string }>,
  ): Promise<Array<RatingView & { candidateId: string }>> {
    const ratings = await this.ratings.submittedOf(sessions.map((session) => session.id));
    const versionOf = new Map(sessions.map((session) => [session.id, session.scenarioVersionId]));
    const names = await this.users.names([...new Set(ratings.map((rating) => rating.raterId))]);
    return Promise.all(
      ratings.map(async (rating) => ({
        ...ratingView(
          rating,
          (await this.scenarios.version(versionOf.get(rating.sessionId)!)).rubric,
          names.get(rating.raterId) ?? '',
        ),
        candidateId: rating.candidateId,
      })),
    );
  }

  /** The submitted ratings of these candidates ranked among their scenario's (ratings.repository.ts). */
  ranked(candidateIds: string[]): Promise<RankedRating[]> {
    return this.ratings.ranked(candidateIds);
  }

  /** Whether `staffId` has submitted a rating of this candidate: then they may see the others'. */
  hasSubmitted(staffId: string, candidateId: string): Promise<boolean> {
    return this.ratings.hasSubmitted(staffId, candidateId);
  }
}
