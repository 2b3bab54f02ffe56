import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Environment } from '@hotseat/config';
import {
  CapabilityLinksService,
  canSeeSession,
  requireAccess,
  roleplayRole,
  User,
  type GuestPrincipal,
  type Principal,
  type StaffPrincipal,
} from '@hotseat/identity';
import { renderTemplate, ScenariosService, templateContext } from '@hotseat/scenarios';
import { splitName } from './candidate-name';
import { CandidatesService } from './candidates.service';
import type { CreateSessionDto, ListSessionsQuery } from './dto/http';
import { Opening } from './entities/opening.entity';
import { RoleplaySession } from './entities/roleplay-session.entity';
import { EventLog } from './event-log';
import { ActionRefused } from './roleplay.errors';
import type { Participant } from './roleplay.service';

/** How long a candidate's link works: time to schedule the interview, then to read the transcript. */
export const CANDIDATE_LINK_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

/** Role-play sessions as staff manage them over HTTP, and who joins them over sockets. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly candidates: CandidatesService,
    private readonly scenarios: ScenariosService,
    private readonly links: CapabilityLinksService,
    private readonly log: EventLog,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /**
   * A scheduled session, run by `staff` or by the interviewer a manager or admin names, with the
   * candidate's link (shown this once).
   */
  async create(
    staff: StaffPrincipal,
    { candidateId, scenarioId, interviewerId }: CreateSessionDto,
  ) {
    const candidate = await this.candidates.get(staff, candidateId);
    const runBy = await this.interviewer(staff, interviewerId ?? staff.user.id);
    const scenario = this.scenarios.get(scenarioId);
    if (candidate.opening) {
      const opening = await this.dataSource
        .getRepository(Opening)
        .findOneByOrFail({ id: candidate.opening.id });
      if (!opening.scenarioIds.includes(scenarioId)) {
        throw new BadRequestException(
          `scenarioId: "${opening.title}" runs ${opening.scenarioIds.map((id) => `"${id}"`).join(', ')}; pick one of those, or add this scenario to the opening.`,
        );
      }
    }
    const { session, token, expiresAt } = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(RoleplaySession);
      const session = await repository.save(
        repository.create({
          candidateId,
          scenarioId,
          scenarioVersionId: scenario.versionId,
          interviewerId: runBy,
        }),
      );
      const { token, link } = await this.links.issue(
        {
          scope: 'candidate',
          subjectId: session.id,
          expiresAt: new Date(Date.now() + CANDIDATE_LINK_LIFETIME_MS),
          createdById: staff.user.id,
        },
        manager,
      );
      return { session, token, expiresAt: link.expiresAt };
    });
    return {
      ...(await this.get(staff, session.id)),
      candidateUrl: `${this.publicUrl}/join/${token}`,
      candidateToken: token,
      candidateLinkExpiresAt: expiresAt,
    };
  }

  private async interviewer(staff: StaffPrincipal, id: string): Promise<string> {
    if (id === staff.user.id) return id;
    if (staff.user.role === 'interviewer') {
      throw new ForbiddenException(
        'Only hiring managers and admins schedule role-plays for someone else.',
      );
    }
    const user = await this.dataSource.getRepository(User).findOneBy({ id });
    if (!user || user.disabledAt) {
      throw new BadRequestException('interviewerId: there is no active staff member with this id.');
    }
    return id;
  }

  /** The sessions `staff` may see, newest first. */
  async list(staff: StaffPrincipal, { status }: ListSessionsQuery) {
    const sessions = await this.query()
      .where(status ? 'session.status = :status' : 'TRUE', { status })
      .orderBy('session.created_at', 'DESC')
      .getMany();
    return sessions.filter((session) => canSeeSession(staff, session)).map((s) => this.view(s));
  }

  async get(principal: Principal, id: string) {
    return this.view(await this.visible(principal, id));
  }

  /** Cancels a session that has not started; its candidate link stops working at once. */
  async cancel(staff: StaffPrincipal, id: string) {
    const session = await this.visible(staff, id);
    // One statement: a session:start holding the row's lock finishes first, and then this finds it live.
    const [rows] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE roleplay_sessions SET status = 'cancelled', cancelled_at = now()
       WHERE id = $1 AND status = 'scheduled' RETURNING id`,
      [id],
    );
    if (rows.length === 0) {
      const { status } = await this.dataSource
        .getRepository(RoleplaySession)
        .findOneByOrFail({ id });
      throw new ConflictException(
        status === 'live'
          ? 'This role-play is live: end it from the interviewer console instead.'
          : `This role-play has already ${status === 'ended' ? 'ended' : 'been cancelled'}.`,
      );
    }
    // After the commit, so that open sockets are closed only once the cancellation holds; a
    // handshake in between is refused anyway, for the session is cancelled.
    await this.links.revokeAll('candidate', id);
    return this.get(staff, session.id);
  }

  /** The whole log, in order, as staff see it. */
  async events(staff: StaffPrincipal, id: string) {
    await this.visible(staff, id);
    return this.log.since(id, 0, null);
  }

  /** What the candidate's page shows: the briefing, rendered for them, and nothing of the script. */
  async briefing(guest: GuestPrincipal, id: string) {
    return (await this.rendered(guest, id)).briefing;
  }

  /** The whole script of a session, rendered for its candidate, for staff who may see the session. */
  async script(staff: StaffPrincipal, id: string) {
    const { session, definition, render, briefing } = await this.rendered(staff, id);
    return {
      ...briefing,
      candidateId: session.candidateId,
      role: roleplayRole(staff, session),
      title: definition.title,
      persona: { ...definition.persona, situation: render(definition.persona.situation) },
      opening: render(definition.opening),
      beats: definition.beats.map((beat) => ({ ...beat, line: render(beat.line) })),
      solution: { ...definition.solution, summary: render(definition.solution.summary) },
      rubric: definition.rubric,
    };
  }

  private async rendered(principal: Principal, id: string) {
    const session = await this.visible(principal, id);
    const definition = await this.scenarios.version(session.scenarioVersionId);
    const context = templateContext(definition, splitName(session.candidate.name));
    const render = (text: string) => renderTemplate(text, context);
    const briefing = {
      sessionId: session.id,
      status: session.status,
      candidateName: session.candidate.name,
      company: definition.company,
      product: definition.product,
      briefing: render(definition.briefing),
      timeLimitMinutes: definition.timeLimitMinutes,
    };
    return { session, definition, render, briefing };
  }

  /** Who `principal` is in session `id`, for a socket joining it; refuses with a reason. */
  async participant(principal: Principal, id: string): Promise<Participant> {
    const session = await this.dataSource.getRepository(RoleplaySession).findOneBy({ id });
    const role = session && roleplayRole(principal, session);
    if (!session || !role) {
      throw new ActionRefused('not-found', 'There is no role-play with this id that you may join.');
    }
    if (session.status === 'cancelled') {
      throw new ActionRefused('session-cancelled', 'This role-play was cancelled.');
    }
    return { sessionId: id, role, scenarioVersionId: session.scenarioVersionId };
  }

  private async visible(principal: Principal, id: string): Promise<RoleplaySession> {
    const session = await this.query().where('session.id = :id', { id }).getOne();
    requireAccess(!!session && canSeeSession(principal, session), 'role-play');
    return session!;
  }

  private query() {
    return this.dataSource
      .getRepository(RoleplaySession)
      .createQueryBuilder('session')
      .innerJoinAndSelect('session.candidate', 'candidate')
      .innerJoinAndSelect('session.scenarioVersion', 'version');
  }

  private view(session: RoleplaySession) {
    const { candidate, scenarioVersion, ...rest } = session;
    return {
      id: rest.id,
      status: rest.status,
      candidate: { id: candidate.id, name: candidate.name },
      scenario: {
        id: rest.scenarioId,
        title: scenarioVersion.definition.title,
        version: scenarioVersion.hash.slice(0, 12),
      },
      interviewerId: rest.interviewerId,
      createdAt: rest.createdAt,
      startedAt: rest.startedAt,
      endsAt: rest.endsAt,
      solvedAt: rest.solvedAt,
      endedAt: rest.endedAt,
      cancelledAt: rest.cancelledAt,
      interviewerUrl: `${this.publicUrl}/sessions/${rest.id}`,
    };
  }

  private get publicUrl(): string {
    return this.config.get('publicUrl', { infer: true });
  }
}
