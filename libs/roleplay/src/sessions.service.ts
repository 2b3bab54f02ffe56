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
  EVENT,
  eventFor,
  type RoleplayRole,
  type SessionState,
  type SessionStatus,
} from '@hotseat/events';
import { CandidatesService, OpeningsService, splitName } from '@hotseat/hiring';
import {
  CapabilityLinksService,
  requireAccess,
  UsersService,
  type GuestPrincipal,
  type Principal,
  type StaffPrincipal,
} from '@hotseat/identity';
import {
  candidateDesk,
  renderTemplate,
  ScenariosService,
  templateContext,
} from '@hotseat/scenarios';
import { DEFAULT_PAGE_SIZE, pageOf, type Page } from '@hotseat/validation';
import { CandidateLinks, type IssuedCandidateLink } from './candidate-links';
import type { CreateSessionDto } from './dto/create-session.dto';
import type { ListSessionsQuery } from './dto/list-sessions.query';
import { EventLog } from './event-log';
import { ActionRefused } from './roleplay.errors';
import { SessionsRepository, type SessionRow } from './sessions.repository';

/** A session someone may see, and how they take part in it: the answer of `SessionsService.visible`. */
export type VisibleSession = SessionRow & { role: RoleplayRole };

/** Someone connected to a role-play, as the handshake established. */
export interface Participant {
  sessionId: string;
  role: RoleplayRole;
  candidateId: string;
  scenarioVersionId: string;
}

export interface SessionView extends SessionState {
  id: string;
  candidate: { id: string; name: string };
  scenario: { id: string; title: string; version: string };
  interviewerId: string;
  createdAt: Date;
  interviewerUrl: string;
}

/** Role-play sessions as staff manage them over HTTP, who may see them, and who joins them over sockets. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionsRepository,
    private readonly candidates: CandidatesService,
    private readonly openings: OpeningsService,
    private readonly scenarios: ScenariosService,
    private readonly links: CapabilityLinksService,
    private readonly candidateLinks: CandidateLinks,
    private readonly users: UsersService,
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
      const opening = await this.openings.get(candidate.opening.id);
      const runs = opening.scenarios.map(({ id }) => id);
      if (!runs.includes(scenarioId)) {
        throw new BadRequestException(
          `scenarioId: "${opening.title}" runs ${runs.map((id) => `"${id}"`).join(', ')}; pick one of those, or add this scenario to the opening.`,
        );
      }
    }
    const { sessionId, link } = await this.dataSource.transaction(async (manager) => {
      const sessionId = await this.sessions.insert(
        { candidateId, scenarioId, scenarioVersionId: scenario.versionId, interviewerId: runBy },
        manager,
      );
      await this.candidates.assignInterviewer(candidateId, runBy, manager);
      const { shown } = await this.candidateLinks.issue(sessionId, staff.user.id, manager);
      return { sessionId, link: shown };
    });
    return { ...(await this.get(staff, sessionId)), ...link };
  }

  /**
   * A new candidate link in place of the old one (leaked or lost), shown this once, for a role-play
   * that is scheduled or live; the old link stops working and its open sockets are closed.
   */
  async renewCandidateLink(
    staff: StaffPrincipal,
    id: string,
  ): Promise<SessionView & IssuedCandidateLink> {
    await this.visible(staff, id);
    let issued: { linkId: string; shown: IssuedCandidateLink } | undefined;
    // Under the session's lock, logging nothing: an end waiting for it then cuts this link short too.
    await this.log.append(id, null, async (session, manager) => {
      if (session.status === 'ended' || session.status === 'cancelled') {
        throw new ConflictException(
          `This role-play has already ${session.status === 'ended' ? 'ended' : 'been cancelled'}: a new candidate link is only for one that is scheduled or live.`,
        );
      }
      issued = await this.candidateLinks.issue(id, staff.user.id, manager);
      return [];
    });
    // Once the new link is committed: a failure in between leaves the candidate a way in.
    await this.links.revokeOthers({ id: issued!.linkId, scope: 'candidate', subjectId: id });
    return { ...(await this.get(staff, id)), ...issued!.shown };
  }

  /** Revokes the candidate's link, whatever the session's status; their open sockets close at once. */
  async revokeCandidateLink(staff: StaffPrincipal, id: string): Promise<void> {
    await this.visible(staff, id);
    await this.links.revokeAll('candidate', id);
  }

  private async interviewer(staff: StaffPrincipal, id: string): Promise<string> {
    if (id === staff.user.id) return id;
    if (staff.user.role === 'interviewer') {
      throw new ForbiddenException(
        'Only hiring managers and admins schedule role-plays for someone else.',
      );
    }
    if (!(await this.users.isActive(id))) {
      throw new BadRequestException('interviewerId: there is no active staff member with this id.');
    }
    return id;
  }

  /** The sessions `staff` may see, newest first, a page at a time; of one status, or of several. */
  async list(
    staff: StaffPrincipal,
    {
      status,
      statuses = status && [status],
      limit = DEFAULT_PAGE_SIZE,
      cursor,
    }: ListSessionsQuery & { statuses?: readonly SessionStatus[] },
  ): Promise<Page<SessionView>> {
    const rows = await this.sessions.page(staff, statuses, { limit, cursor });
    const views = await this.views(rows);
    return pageOf(
      rows,
      limit,
      (row) => ({ createdAt: row.position, id: row.id }),
      (row) => views.get(row.id)!,
    );
  }

  async get(principal: Principal, id: string): Promise<SessionView> {
    const session = await this.visible(principal, id);
    return (await this.views([session])).get(id)!;
  }

  /**
   * The one check of who may see a role-play: the session with the caller's role in it, or 404.
   * Managers and admins see all of them; an interviewer the ones they run; a candidate their own.
   */
  async visible(principal: Principal, id: string): Promise<VisibleSession> {
    const session = await this.sessions.find(principal, id);
    requireAccess(!!session, 'role-play');
    return { ...session!, role: roleIn(principal, session!) };
  }

  /** Of these sessions, the ids of those `principal` may see: the same rule as `visible`, for many. */
  visibleAmong(principal: Principal, ids: string[]): Promise<Set<string>> {
    return this.sessions.visibleAmong(principal, ids);
  }

  /** Sessions by id, for work that follows the log rather than a reader (storing figures). */
  byIds(ids: string[]): Promise<SessionRow[]> {
    return this.sessions.byIds(ids);
  }

  /** Cancels a session that has not started; its candidate link stops working at once. */
  async cancel(staff: StaffPrincipal, id: string): Promise<SessionView> {
    await this.visible(staff, id);
    // Under the session's lock: a session:start holding it finishes first, and then this finds it live.
    await this.log.append(id, null, (session) => {
      if (session.status !== 'scheduled') {
        throw new ConflictException(
          session.status === 'live'
            ? 'This role-play is live: end it from the interviewer console instead.'
            : `This role-play has already ${session.status === 'ended' ? 'ended' : 'been cancelled'}.`,
        );
      }
      return Promise.resolve([{ type: EVENT.sessionCancelled, actor: 'interviewer', payload: {} }]);
    });
    // After the commit, so that open sockets are closed only once the cancellation holds; a
    // handshake in between is refused anyway, for the session is cancelled.
    await this.links.revokeAll('candidate', id);
    return this.get(staff, id);
  }

  /** The whole log, in order, as staff see it. */
  async events(staff: StaffPrincipal, id: string) {
    await this.visible(staff, id);
    return (await this.log.since(id, 0, null)).map((event) => eventFor('interviewer', event)!);
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
      role: session.role,
      title: definition.title,
      persona: { ...definition.persona, situation: render(definition.persona.situation) },
      firstLine: render(definition.firstLine),
      beats: definition.beats.map((beat) => ({ ...beat, line: render(beat.line) })),
      solution: { ...definition.solution, summary: render(definition.solution.summary) },
      rubric: definition.rubric,
      desk: definition.desk && {
        ...briefing.desk!,
        rules: definition.desk.rules,
        mistakes: definition.desk.mistakes.map(({ id, note }) => ({ id, note })),
      },
    };
  }

  private async rendered(principal: Principal, id: string) {
    const session = await this.visible(principal, id);
    const definition = await this.scenarios.version(session.scenarioVersionId);
    const candidateName = (await this.candidates.names([session.candidateId])).get(
      session.candidateId,
    )!;
    const context = templateContext(definition, splitName(candidateName));
    const render = (text: string) => renderTemplate(text, context);
    const briefing = {
      sessionId: session.id,
      status: session.status,
      candidateName,
      company: definition.company,
      product: definition.product,
      briefing: render(definition.briefing),
      timeLimitMinutes: definition.timeLimitMinutes,
      // The desk's records and forms; its rules and mistakes are the script's, below.
      desk: definition.desk ? candidateDesk(definition.desk, context) : null,
    };
    return { session, definition, render, briefing };
  }

  /** Who `principal` is in session `id`, for a socket joining it; refuses with a reason. */
  async participant(principal: Principal, id: string): Promise<Participant> {
    const session = await this.sessions.find(principal, id);
    if (!session) {
      throw new ActionRefused('not-found', 'There is no role-play with this id that you may join.');
    }
    if (session.status === 'cancelled') {
      throw new ActionRefused('session-cancelled', 'This role-play was cancelled.');
    }
    return {
      sessionId: id,
      role: roleIn(principal, session),
      candidateId: session.candidateId,
      scenarioVersionId: session.scenarioVersionId,
    };
  }

  /**
   * Every session of these candidates, oldest first, with who ran it and its scenario, for their
   * scorecards; the caller has checked that its reader may see these candidates.
   */
  async ofCandidates(candidateIds: string[]) {
    const rows = await this.sessions.ofCandidates(candidateIds);
    const [names, scenarios] = await Promise.all([
      this.users.names([...new Set(rows.map((row) => row.interviewerId))]),
      this.scenarioSummaries(rows),
    ]);
    return rows.map((row) => ({
      ...row,
      scenario: scenarios.get(row.scenarioVersionId)!,
      interviewer: { id: row.interviewerId, name: names.get(row.interviewerId) ?? '' },
    }));
  }

  /** Ended sessions by id, `limit` at a time after `afterId`: those that have figures to keep. */
  ended(afterId: string | null, limit: number): Promise<SessionRow[]> {
    return this.sessions.ended(afterId, limit);
  }

  private async views(rows: SessionRow[]): Promise<Map<string, SessionView>> {
    // An empty list (no live role-play, often) needs no names: no round trip for nothing.
    if (rows.length === 0) return new Map();
    const [names, scenarios] = await Promise.all([
      this.candidates.names([...new Set(rows.map((row) => row.candidateId))]),
      this.scenarioSummaries(rows),
    ]);
    return new Map(
      rows.map((row) => [
        row.id,
        {
          id: row.id,
          ...stateOf(row),
          candidate: { id: row.candidateId, name: names.get(row.candidateId) ?? '' },
          scenario: scenarios.get(row.scenarioVersionId)!,
          interviewerId: row.interviewerId,
          createdAt: row.createdAt,
          interviewerUrl: `${this.publicUrl}/sessions/${row.id}`,
        },
      ]),
    );
  }

  private async scenarioSummaries(rows: SessionRow[]) {
    const versionIds = [...new Set(rows.map((row) => row.scenarioVersionId))];
    const summaries = await Promise.all(versionIds.map((id) => this.scenarios.versionSummary(id)));
    return new Map(versionIds.map((id, index) => [id, summaries[index]]));
  }

  private get publicUrl(): string {
    return this.config.get('publicUrl', { infer: true });
  }
}

/** A visible session's role for its reader: its candidate, the interviewer running it, or an observer. */
function roleIn(principal: Principal, session: SessionRow): RoleplayRole {
  if (principal.kind === 'guest') return 'candidate';
  return session.interviewerId === principal.user.id ? 'interviewer' : 'observer';
}

/** The state columns of a row: what its log has brought it to. */
function stateOf(row: SessionRow): SessionState {
  const { status, startedAt, endsAt, solvedAt, endedAt, cancelledAt } = row;
  return { status, startedAt, endsAt, solvedAt, endedAt, cancelledAt };
}
