import { Injectable, NotFoundException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@hotseat/config';
import { CandidatesService } from '@hotseat/hiring';
import {
  CapabilityLinksService,
  canGiveShadowFeedback,
  requireAccess,
  type GuestPrincipal,
  type StaffPrincipal,
} from '@hotseat/identity';
import type { SubmitShadowFeedbackDto } from './dto/submit-shadow-feedback.dto';
import {
  SHADOW_QUESTIONS,
  ShadowFeedback,
  type ShadowQuestion,
} from './entities/shadow-feedback.entity';
import { SCORE_LABELS } from './rating-rules';
import { ShadowFeedbackRepository } from './shadow-feedback.repository';

/** Long enough for the shadowing day and a few days to write it up. */
export const SHADOW_LINK_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

const QUESTIONS = Object.keys(SHADOW_QUESTIONS) as ShadowQuestion[];

export type ShadowFeedbackView = ReturnType<typeof feedbackView>;

/** Shadow links (one per host) and the feedback the hosts give through them. */
@Injectable()
export class ShadowingService {
  constructor(
    private readonly feedback: ShadowFeedbackRepository,
    private readonly candidates: CandidatesService,
    private readonly links: CapabilityLinksService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** A link for `hostName` to give feedback on the candidate: shown this once. */
  async createLink(staff: StaffPrincipal, candidateId: string, hostName: string) {
    await this.candidates.get(staff, candidateId);
    return this.feedback.transaction(async (manager) => {
      const { token, link } = await this.links.issue(
        {
          scope: 'shadow',
          subjectId: candidateId,
          expiresAt: new Date(Date.now() + SHADOW_LINK_LIFETIME_MS),
          createdById: staff.user.id,
        },
        manager,
      );
      const feedback = await this.feedback.insert(manager, {
        linkId: link.id,
        candidateId,
        hostName,
        createdById: staff.user.id,
      });
      return {
        id: feedback.id,
        hostName,
        url: `${this.config.get('publicUrl', { infer: true })}/shadow/${token}`,
        token,
        expiresAt: link.expiresAt,
      };
    });
  }

  /**
   * Revokes one host's link (`id` is what createLink answered) for staff who may see its candidate;
   * the answers given so far stay, as the host's word. Their open page can no longer save.
   */
  async revokeLink(staff: StaffPrincipal, id: string): Promise<void> {
    const feedback = await this.feedback.byId(id);
    requireAccess(
      !!feedback && (await this.seesCandidate(staff, feedback.candidateId)),
      'shadow link',
    );
    await this.links.revoke(feedback!.linkId);
  }

  /** The candidate rule as a yes or no, so an unseen candidate's link answers like an unknown one. */
  private async seesCandidate(staff: StaffPrincipal, candidateId: string): Promise<boolean> {
    try {
      await this.candidates.get(staff, candidateId);
      return true;
    } catch (error) {
      if (error instanceof NotFoundException) return false;
      throw error;
    }
  }

  /** The host's form: whom it is about, the questions, and their answers so far. */
  async form(guest: GuestPrincipal) {
    const feedback = await this.ownFeedback(guest);
    const names = await this.candidates.names([feedback.candidateId]);
    return {
      candidate: { name: names.get(feedback.candidateId)! },
      questions: SHADOW_QUESTIONS,
      scale: SCORE_LABELS,
      expiresAt: guest.link.expiresAt,
      feedback: feedbackView(feedback),
    };
  }

  /** Saves the host's three answers, replacing earlier ones: one submission per link. */
  async submit(guest: GuestPrincipal, body: SubmitShadowFeedbackDto): Promise<ShadowFeedbackView> {
    const feedback = await this.ownFeedback(guest);
    for (const question of QUESTIONS) {
      feedback[question] = body[question].score;
      feedback[`${question}Notes`] = body[question].notes ?? '';
    }
    feedback.submittedAt ??= new Date();
    return feedbackView(await this.feedback.save(feedback));
  }

  /** Every shadow link's feedback for these candidates, answered or still waiting, oldest first. */
  async forCandidates(candidateIds: string[]) {
    const rows = await this.feedback.ofCandidates(candidateIds);
    const lifetimes = await this.links.lifetimes(rows.map((row) => row.linkId));
    return rows.map((row) => ({
      ...feedbackView(row),
      candidateId: row.candidateId,
      linkExpiresAt: lifetimes.get(row.linkId)!.expiresAt,
      linkRevokedAt: lifetimes.get(row.linkId)!.revokedAt,
    }));
  }

  private async ownFeedback(guest: GuestPrincipal): Promise<ShadowFeedback> {
    const feedback = await this.feedback.ofLink(guest.link.id);
    requireAccess(
      !!feedback && canGiveShadowFeedback(guest, feedback.candidateId),
      'feedback form',
    );
    return feedback!;
  }
}

function feedbackView(feedback: ShadowFeedback) {
  const answer = (question: ShadowQuestion) =>
    feedback[question] === null
      ? null
      : { score: feedback[question], notes: feedback[`${question}Notes`] };
  return {
    id: feedback.id,
    hostName: feedback.hostName,
    learning: answer('learning'),
    understanding: answer('understanding'),
    engagement: answer('engagement'),
    submittedAt: feedback.submittedAt,
    updatedAt: feedback.updatedAt,
  };
}
