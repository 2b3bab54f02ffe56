import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { canSeeSession, requireAccess, roleplayRole, type StaffPrincipal } from '@hotseat/identity';
import { RoleplaySession } from '@hotseat/roleplay';
import { ScenariosService, type ScenarioDefinition } from '@hotseat/scenarios';
import type { SaveRatingDto } from './dto/save-rating.dto';
import { Rating } from './entities/rating.entity';

/** How the 1-4 scale reads, for attributes and the product-team question alike. */
export const SCORE_LABELS = { 1: 'strong no', 2: 'no', 3: 'yes', 4: 'strong yes' } as const;

export const PRODUCT_TEAM_QUESTION =
  'How do you work with the product team when customers keep reporting the same problem?';

export type RatingView = ReturnType<typeof ratingView>;

/**
 * Interviewers' ratings of role-plays. A rating is its interviewer's draft until submitted, then
 * final; nobody else sees a draft, and scorecards count only submitted ratings.
 */
@Injectable()
export class RatingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scenarios: ScenariosService,
  ) {}

  async save(staff: StaffPrincipal, sessionId: string, body: SaveRatingDto): Promise<RatingView> {
    const session = await this.session(staff, sessionId);
    if (roleplayRole(staff, session) !== 'interviewer') {
      throw new ForbiddenException('Only the interviewer who ran this role-play rates it.');
    }
    if (session.status === 'scheduled' || session.status === 'cancelled') {
      throw new ConflictException(
        session.status === 'scheduled'
          ? 'This role-play has not started yet: rate it once it is under way.'
          : 'This role-play was cancelled: there is nothing to rate.',
      );
    }
    const scenario = await this.scenarios.version(session.scenarioVersionId);
    const rating = await this.dataSource.transaction(async (manager) => {
      const draft = await this.lockedDraft(manager, session);
      if (draft.submittedAt) {
        throw new ConflictException('This rating was submitted and can no longer change.');
      }
      if (body.attributes) draft.attributes = checkedAttributes(body.attributes, scenario);
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
        requireComplete(draft, scenario);
        draft.submittedAt = new Date();
        draft.rubricMean =
          draft.attributes.reduce((sum, a) => sum + a.score, 0) / draft.attributes.length;
      }
      return manager.getRepository(Rating).save(draft);
    });
    return ratingView(rating, scenario, staff.user.name);
  }

  /**
   * The ratings of a session that `staff` may read: its interviewer their own, draft or not; managers
   * and admins the submitted one.
   */
  async forSession(staff: StaffPrincipal, sessionId: string): Promise<RatingView[]> {
    const session = await this.session(staff, sessionId);
    const own = roleplayRole(staff, session) === 'interviewer';
    const ratings = await this.dataSource.getRepository(Rating).find({
      where: { sessionId, ...(own ? {} : { submittedAt: Not(IsNull()) }) },
      relations: { rater: true },
    });
    const scenario = await this.scenarios.version(session.scenarioVersionId);
    return ratings.map((rating) => ratingView(rating, scenario, rating.rater.name));
  }

  /** The submitted ratings of these candidates, oldest first, with their scenario versions. */
  async submitted(candidateIds: string[]): Promise<Array<RatingView & { candidateId: string }>> {
    const ratings = await this.dataSource.getRepository(Rating).find({
      where: { candidateId: In(candidateIds), submittedAt: Not(IsNull()) },
      relations: { rater: true, session: true },
      order: { submittedAt: 'ASC' },
    });
    return Promise.all(
      ratings.map(async (rating) => ({
        ...ratingView(
          rating,
          await this.scenarios.version(rating.session.scenarioVersionId),
          rating.rater.name,
        ),
        candidateId: rating.candidateId,
      })),
    );
  }

  /** Whether `staffId` has submitted a rating of this candidate: then they may see the others'. */
  async hasSubmitted(staffId: string, candidateId: string): Promise<boolean> {
    return this.dataSource
      .getRepository(Rating)
      .existsBy({ raterId: staffId, candidateId, submittedAt: Not(IsNull()) });
  }

  private async session(staff: StaffPrincipal, id: string): Promise<RoleplaySession> {
    const session = await this.dataSource.getRepository(RoleplaySession).findOneBy({ id });
    requireAccess(!!session && canSeeSession(staff, session), 'role-play');
    return session!;
  }

  /** The session's rating row, made empty if missing, locked until the transaction ends. */
  private async lockedDraft(manager: EntityManager, session: RoleplaySession): Promise<Rating> {
    await manager.query(
      `INSERT INTO ratings (session_id, candidate_id, rater_id) VALUES ($1, $2, $3)
       ON CONFLICT (session_id) DO NOTHING`,
      [session.id, session.candidateId, session.interviewerId],
    );
    return manager.getRepository(Rating).findOneOrFail({
      where: { sessionId: session.id },
      lock: { mode: 'pessimistic_write' },
    });
  }
}

function checkedAttributes(
  attributes: NonNullable<SaveRatingDto['attributes']>,
  scenario: ScenarioDefinition,
): Rating['attributes'] {
  const rubric = scenario.rubric.map((attribute) => attribute.id);
  const seen = new Set<string>();
  return attributes.map(({ id, score, evidence }, index) => {
    if (!rubric.includes(id)) {
      throw new BadRequestException(
        `attributes.${index}.id: "${id}" is not in this scenario's rubric; rate ${rubric.join(', ')}.`,
      );
    }
    if (seen.has(id)) {
      throw new BadRequestException(`attributes.${index}.id: "${id}" is rated twice.`);
    }
    seen.add(id);
    return { id, score, evidence: evidence ?? '' };
  });
}

function requireComplete(draft: Rating, scenario: ScenarioDefinition): void {
  const rated = new Set(draft.attributes.map((attribute) => attribute.id));
  const missing = [
    ...scenario.rubric.filter(({ id }) => !rated.has(id)).map(({ id }) => `attributes: ${id}`),
    ...(draft.csat === null ? ['csat'] : []),
    ...(draft.productTeamScore === null ? ['productTeam'] : []),
    ...(draft.recommendation === null ? ['recommendation'] : []),
  ];
  if (missing.length > 0) {
    throw new BadRequestException(
      `To submit, every part needs an answer; still missing: ${missing.join('; ')}. Nothing was changed.`,
    );
  }
}

function ratingView(rating: Rating, scenario: ScenarioDefinition, raterName: string) {
  const labels = new Map(scenario.rubric.map((attribute) => [attribute.id, attribute.label]));
  return {
    id: rating.id,
    sessionId: rating.sessionId,
    rater: { id: rating.raterId, name: raterName },
    attributes: rating.attributes.map(({ id, score, evidence }) => ({
      id,
      label: labels.get(id) ?? id,
      score,
      scoreLabel: SCORE_LABELS[score as keyof typeof SCORE_LABELS],
      evidence,
    })),
    rubricMean: rating.rubricMean,
    csat: rating.csat,
    productTeam: {
      question: PRODUCT_TEAM_QUESTION,
      score: rating.productTeamScore,
      notes: rating.productTeamNotes,
    },
    recommendation: rating.recommendation,
    submittedAt: rating.submittedAt,
    updatedAt: rating.updatedAt,
  };
}
