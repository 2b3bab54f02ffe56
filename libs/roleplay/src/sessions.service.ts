import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Environment } from '@hotseat/config';
import {
  checkpointsMet,
  EVENT,
  type Debrief,
  eventFor,
  isEvent,
  type RoleplayRole,
  type SessionMode,
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
import { practiceCheckpoints } from './practice-rules';
import { ActionRefused } from './roleplay.errors';
import { SessionsRepository, type SessionRow } from './sessions.repository';

/** A session someone may see, and how they take part in it: the answer of `SessionsService.visible`. */
export type VisibleSession = SessionRow & { role: RoleplayRole };

/** Someone connected to a role-play, as the handshake established. */
export interface Participant {
  sessionId: string;
  role: RoleplayRole;
  mode: SessionMode;
  /** Null only in a practice session staff made without a candidate. */
  candidateId: string | null;
  scenarioVersionId: string;
}

/** The name a practice session without a candidate is played with ({{candidate.firstName}}...). */
export const PRACTICE_GUEST_NAME = 'Guest';

/** How many practice sessions a candidate may open from their link before the role-play. */
export const PRACTICE_SESSIONS_PER_CANDIDATE = 3;

/** The short scenario that ships for candidates to learn the room before their role-play. */
export const PRACTICE_SCENARIO_ID = 'practice-wrong-address';

export interface SessionView extends SessionState {
  id: string;
  mode: SessionMode;
  /** Null only for a practice session made without a candidate. */
  candidate: { id: string; name: string } | null;
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
   * candidate's link (shown this once). A live one is for a candidate, with a scenario of their
   * opening; a practice session may be of any scenario, and needs no candidate.
   */
  async create(
    staff: StaffPrincipal,
    { candidateId, scenarioId, interviewerId, mode = 'live' }: CreateSessionDto,
  ) {
    if (candidateId === undefined && mode === 'live') {
      throw new BadRequestException(
        'candidateId: a live role-play is for a candidate; leave it out only with mode "practice".',
      );
    }
    const candidate =
      candidateId === undefined ? null : await this.candidates.get(staff, candidateId);
    const runBy = await this.interviewer(staff, interviewerId ?? staff.user.id);
    const scenario = this.scenarios.get(scenarioId);
    if (candidate?.opening && mode === 'live') {
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
        {
          candidateId: candidateId ?? null,
          mode,
          scenarioId,
          scenarioVersionId: scenario.versionId,
          interviewerId: runBy,
        },
        manager,
      );
      // Practice assigns nobody: it never counts, so it makes nobody the candidate's interviewer.
      if (candidateId !== undefined && mode === 'live') {
        await this.candidates.assignInterviewer(candidateId, runBy, manager);
      }
      const { shown } = await this.candidateLinks.issue(sessionId, staff.user.id, manager);
      return { sessionId, link: shown };
    });
    return { ...(await this.get(staff, sessionId)), ...link };
  }

  /**
   * "Practise first", from a candidate's link to a role-play that has not started: a new practice
   * session of the shipped practice scenario, for the same candidate and interviewer, with its link.
   */
  async practiseFirst(guest: GuestPrincipal, id: string) {
    const session = await this.visible(guest, id);
    const offer = await this.practiceOffer(session);
    if (offer !== true) throw new ConflictException(offer);
    const candidateId = session.candidateId!;
    const scenario = this.scenarios.get(PRACTICE_SCENARIO_ID);
    const { practiceId, linkId, shown } = await this.dataSource.transaction(async (manager) => {
      // Under a lock on the candidate, so two clicks at once cannot pass the limit together.
      await this.candidates.lock(candidateId, manager);
      const practices = await this.sessions.practices(candidateId, manager);
      // One not started yet (its link lost in a reload, say) gets a new link instead of a place.
      let practiceId = practices.find((practice) => practice.status === 'scheduled')?.id;
      if (!practiceId) {
        if (practices.length >= PRACTICE_SESSIONS_PER_CANDIDATE) {
          throw new ConflictException(PRACTISED_ENOUGH);
        }
        practiceId = await this.sessions.insert(
          {
            candidateId,
            mode: 'practice',
            scenarioId: PRACTICE_SCENARIO_ID,
            scenarioVersionId: scenario.versionId,
            interviewerId: session.interviewerId,
          },
          manager,
        );
      }
      const issued = await this.candidateLinks.issue(practiceId, session.interviewerId, manager);
      return { practiceId, ...issued };
    });
    await this.links.revokeOthers({ id: linkId, scope: 'candidate', subjectId: practiceId });
    return { id: practiceId, ...shown };
  }

  /**
   * The links of a candidate's practice sessions stop with the link they came from: revoking,
   * replacing or cancelling the role-play's link revokes theirs too.
   */
  private async revokePracticeLinks(candidateId: string | null): Promise<void> {
    if (candidateId === null) return;
    const practices = await this.sessions.practices(candidateId, this.dataSource.manager);
    for (const { id } of practices) await this.links.revokeAll('candidate', id);
  }

  /**
   * What a practice's candidate reads once it is over: what they did and which checkpoints they
   * met. Before the end it would give the answer key away: 409.
   */
  async debrief(guest: GuestPrincipal, id: string): Promise<Debrief> {
    const session = await this.visible(guest, id);
    if (session.mode !== 'practice') {
      throw new NotFoundException('A debrief is for practice sessions only.');
    }
    if (session.status !== 'ended') {
      throw new ConflictException('The debrief is ready once the practice is over.');
    }
    const definition = await this.scenarios.version(session.scenarioVersionId);
    const events = await this.log.since(id, 0, null);
    const met = checkpointsMet(events);
    const did: Debrief['did'] = {
      messages: 0,
      searches: 0,
      articlesOpened: [],
      actions: [],
      emails: 0,
      reports: 0,
    };
    for (const event of events) {
      if (isEvent(event, EVENT.chatMessage) && event.actor === 'candidate') did.messages += 1;
      if (isEvent(event, EVENT.helpSearched)) did.searches += 1;
      if (isEvent(event, EVENT.helpOpened) && !did.articlesOpened.includes(event.payload.title)) {
        did.articlesOpened.push(event.payload.title);
      }
      if (isEvent(event, EVENT.deskActed)) did.actions.push(event.payload.label);
      if (isEvent(event, EVENT.deskEmailed)) did.emails += 1;
      if (isEvent(event, EVENT.deskReported)) did.reports += 1;
    }
    return {
      scenarioTitle: definition.title,
      durationMs:
        session.startedAt && session.endedAt
          ? session.endedAt.getTime() - session.startedAt.getTime()
          : 0,
      solved: session.solvedAt !== null,
      // Only what a practice can judge: the checkpoints the desk meets (nobody ticks by hand).
      checkpoints: practiceCheckpoints(definition).map(({ id: checkpointId, label, required }) => ({
        label,
        required,
        met: met.has(checkpointId),
      })),
      did,
    };
  }

  /** Whether this candidate's room offers "Practise first": true, or why not in words. */
  private async practiceOffer(session: SessionRow): Promise<true | string> {
    if (session.mode !== 'live' || session.status !== 'scheduled') {
      return 'Practice comes before the role-play: this one has already started or is over.';
    }
    if (!this.scenarios.has(PRACTICE_SCENARIO_ID)) {
      return 'There is no practice scenario on this server just now: your role-play is ready when you are.';
    }
    const practices = await this.sessions.practices(session.candidateId!, this.dataSource.manager);
    const placeLeft =
      practices.length < PRACTICE_SESSIONS_PER_CANDIDATE ||
      practices.some((practice) => practice.status === 'scheduled');
    return placeLeft ? true : PRACTISED_ENOUGH;
  }

  /**
   * A new candidate link in place of the old one (leaked or lost), shown this once, for a role-play
   * that is scheduled or live; the old link stops working and its open sockets are closed.
   */
  async renewCandidateLink(
    staff: StaffPrincipal,
    id: string,
  ): Promise<SessionView & IssuedCandidateLink> {
    const live = await this.visible(staff, id);
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
    await this.revokePracticeLinks(live.candidateId);
    return { ...(await this.get(staff, id)), ...issued!.shown };
  }

  /** Revokes the candidate's link, whatever the session's status; their open sockets close at once. */
  async revokeCandidateLink(staff: StaffPrincipal, id: string): Promise<void> {
    const session = await this.visible(staff, id);
    await this.links.revokeAll('candidate', id);
    await this.revokePracticeLinks(session.candidateId);
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
    const visible = await this.visible(staff, id);
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
    await this.revokePracticeLinks(visible.candidateId);
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
    const candidateName = await candidateNameOf(this.candidates, session.candidateId);
    const context = templateContext(definition, splitName(candidateName));
    const render = (text: string) => renderTemplate(text, context);
    const briefing = {
      sessionId: session.id,
      status: session.status,
      mode: session.mode,
      // "Practise first", on the candidate's page only (staff see the script): its length, or null.
      practiceMinutes:
        principal.kind === 'guest' && (await this.practiceOffer(session)) === true
          ? this.scenarios.get(PRACTICE_SCENARIO_ID).definition.timeLimitMinutes
          : null,
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
      mode: session.mode,
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
      this.candidates.names(candidateIdsOf(rows)),
      this.scenarioSummaries(rows),
    ]);
    return new Map(
      rows.map((row) => [
        row.id,
        {
          id: row.id,
          mode: row.mode,
          ...stateOf(row),
          candidate:
            row.candidateId === null
              ? null
              : {
                  id: row.candidateId,
                  name: names.get(row.candidateId) ?? '',
                },
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

const PRACTISED_ENOUGH = `You have practised ${PRACTICE_SESSIONS_PER_CANDIDATE} times already: your role-play is ready when you are.`;

/** A visible session's role for its reader: its candidate, the interviewer running it, or an observer. */
function roleIn(principal: Principal, session: SessionRow): RoleplayRole {
  if (principal.kind === 'guest') return 'candidate';
  // In practice the script plays the customer: staff only watch.
  if (session.mode === 'practice') return 'observer';
  return session.interviewerId === principal.user.id ? 'interviewer' : 'observer';
}

/** The candidate's name, or PRACTICE_GUEST_NAME for a practice session without a candidate. */
export async function candidateNameOf(
  candidates: CandidatesService,
  candidateId: string | null,
): Promise<string> {
  if (candidateId === null) return PRACTICE_GUEST_NAME;
  return (await candidates.names([candidateId])).get(candidateId)!;
}

function candidateIdsOf(rows: SessionRow[]): string[] {
  return [...new Set(rows.flatMap((row) => (row.candidateId ? [row.candidateId] : [])))];
}

/** The state columns of a row: what its log has brought it to. */
function stateOf(row: SessionRow): SessionState {
  const { status, startedAt, endsAt, solvedAt, endedAt, cancelledAt } = row;
  return { status, startedAt, endsAt, solvedAt, endedAt, cancelledAt };
}
