import { Injectable, NotFoundException } from '@nestjs/common';
import {
  ATTENTION_EVENTS,
  EVENT,
  eventFor,
  type NewEvent,
  type RoleplayRole,
  type RecordView,
  type SessionEvent,
} from '@hotseat/events';
import { CandidatesService, splitName } from '@hotseat/hiring';
import { confirmationFactsOf, factsMentioned } from '@hotseat/metrics';
import {
  actionResult,
  checkInput,
  checkpointsMetBy,
  checkpointsMetByAction,
  deskRecords,
  HelpCenterService,
  mistakesOf,
  renderTemplate,
  ScenariosService,
  templateContext,
  type Application,
  type ArticleView,
  type DeskDefinition,
  type ScenarioDefinition,
  type SearchResult,
  type SearchScope,
} from '@hotseat/scenarios';
import type { EntityManager } from 'typeorm';
import { CandidateLinks } from './candidate-links';
import type {
  ActionPayload,
  AngerSetPayload,
  AttentionPayload,
  ChatSendPayload,
  CheckpointHitPayload,
  DeskActPayload,
  DeskEmailPayload,
  DeskReportPayload,
  DeskViewPayload,
  HelpArticlePayload,
  HelpSearchPayload,
  NoteAddPayload,
  SessionEndPayload,
} from './dto/socket-payloads';
import {
  clientRequest,
  EventLog,
  requireLive,
  requireNotOver,
  type Appended,
  type ClientRequest,
} from './event-log';
import { ActionRefused } from './roleplay.errors';
import { practiceComplete } from './practice-rules';
import { candidateNameOf, type Participant } from './sessions.service';

/** Events per sync answer; a client asks again while `more` is true. */
export const SYNC_LIMIT = 1000;

/**
 * Every role-play action: who may take it, in which state, and what it logs. The gateway calls these
 * and acknowledges what they return; nothing here knows about sockets.
 */
@Injectable()
export class RoleplayService {
  constructor(
    private readonly log: EventLog,
    private readonly scenarios: ScenariosService,
    private readonly helpCenter: HelpCenterService,
    private readonly candidates: CandidatesService,
    private readonly candidateLinks: CandidateLinks,
  ) {}

  start(participant: Participant, body: ActionPayload): Promise<Appended> {
    requireRole(participant, 'interviewer');
    return this.begin(participant, request(participant, 'session:start', body), 'interviewer');
  }

  /** A practice session starts by itself when its candidate connects; logs nothing once it has. */
  async startPractice(participant: Participant): Promise<Appended> {
    try {
      return await this.begin(participant, null, 'system');
    } catch (error) {
      if (error instanceof ActionRefused) return { events: [], duplicate: false };
      throw error;
    }
  }

  /** `session.started` and the customer's opening line, in one append. */
  private async begin(
    participant: Participant,
    key: ClientRequest | null,
    actor: 'interviewer' | 'system',
  ): Promise<Appended> {
    const definition = await this.definition(participant);
    // Read before the append: inside its transaction only its own connection may be used.
    const name = await candidateNameOf(this.candidates, participant.candidateId);
    const firstLine = renderTemplate(
      definition.firstLine,
      templateContext(definition, splitName(name)),
    );
    return this.log.append(participant.sessionId, key, (session) => {
      if (session.status === 'live') {
        throw new ActionRefused('already-started', 'This role-play has already started.');
      }
      requireNotOver(session);
      return Promise.resolve([
        {
          type: EVENT.sessionStarted,
          actor,
          payload: { timeLimitMinutes: definition.timeLimitMinutes },
        },
        { type: EVENT.chatMessage, actor: 'customer', payload: { text: firstLine } },
      ]);
    });
  }

  /**
   * A chat line. The interviewer's line from a script beat carries the beat's anger change in the same
   * append (the level clamped to 0-10), unless `applyAnger` is false; a change that moves nothing logs
   * nothing. The acknowledgement answers the line.
   */
  async chat(participant: Participant, body: ChatSendPayload) {
    const { text, beatId, applyAnger } = body;
    requireRole(participant, 'interviewer', 'candidate');
    const actor = participant.role === 'interviewer' ? 'customer' : 'candidate';
    const key = request(participant, 'chat:send', body);
    if (beatId === undefined) {
      if (applyAnger !== undefined) {
        throw new ActionRefused('invalid', 'applyAnger goes with a beatId', 'applyAnger');
      }
      return this.log.appendWhileLive(participant.sessionId, key, {
        type: EVENT.chatMessage,
        actor,
        payload: { text },
      });
    }
    if (participant.role !== 'interviewer') {
      throw new ActionRefused('invalid', 'beatId is for the interviewer’s script lines', 'beatId');
    }
    const definition = await this.definition(participant);
    const beat = definition.beats.find((b) => b.id === beatId);
    if (!beat)
      throw new ActionRefused('invalid', 'beatId must be a beat of this scenario', 'beatId');
    return this.log.append(participant.sessionId, key, async (session, manager) => {
      requireLive(session);
      const line: NewEvent = { type: EVENT.chatMessage, actor, payload: { text, beatId } };
      if (applyAnger === false || beat.anger === 0) return [line];
      const level = await this.angerLevel(session.id, definition, manager);
      return [line, ...angerChange(level, level + beat.anger, 'interviewer')];
    });
  }

  /**
   * The practice script's answer: a beat's line with its anger change, logged only if nothing has
   * been logged since `afterSeq` (what the script answered is still the last word) and it is live.
   */
  async scriptedLine(participant: Participant, beatId: string, afterSeq: number) {
    const definition = await this.definition(participant);
    const beat = definition.beats.find((b) => b.id === beatId)!;
    const name = await candidateNameOf(this.candidates, participant.candidateId);
    const text = renderTemplate(beat.line, templateContext(definition, splitName(name)));
    return this.log.append(participant.sessionId, null, async (session, manager) => {
      if (session.status !== 'live' || session.timeUp || session.lastSeq !== afterSeq) return [];
      const line: NewEvent = {
        type: EVENT.chatMessage,
        actor: 'customer',
        payload: { text, beatId },
      };
      const level = await this.angerLevel(session.id, definition, manager);
      return [line, ...angerChange(level, level + beat.anger, 'system')];
    });
  }

  /** Ends a practice session once it is complete (practiceComplete); logs nothing otherwise. */
  async completePractice(participant: Participant) {
    const definition = await this.definition(participant);
    return this.log.append(participant.sessionId, null, async (session, manager) => {
      if (session.status !== 'live' || session.timeUp) return [];
      const state = await checkpointsState(manager, session.id);
      if (!practiceComplete(definition, (id) => state.get(id) === 'hit')) return [];
      await this.candidateLinks.expireAfterEnd(session.id, manager);
      const ended: NewEvent[] = [
        { type: EVENT.sessionEnded, actor: 'system', payload: { endedBy: 'checkpoints-met' } },
      ];
      return session.solved
        ? ended
        : [{ type: EVENT.sessionSolved, actor: 'system', payload: {} }, ...ended];
    });
  }

  /** Sets the customer's anger; the level it already has logs nothing. */
  async anger(participant: Participant, body: AngerSetPayload) {
    requireRole(participant, 'interviewer');
    const definition = await this.definition(participant);
    const key = request(participant, 'anger:set', body);
    return this.log.append(participant.sessionId, key, async (session, manager) => {
      requireLive(session);
      const level = await this.angerLevel(session.id, definition, manager);
      return angerChange(level, body.level, 'interviewer');
    });
  }

  /** The customer's anger now, read under the session's lock: the last level set, or the persona's. */
  private async angerLevel(
    sessionId: string,
    definition: ScenarioDefinition,
    manager: EntityManager,
  ): Promise<number> {
    const [last] = await manager.query<Array<{ level: number }>>(
      `SELECT (payload->>'level')::int AS level FROM session_events
       WHERE session_id = $1 AND type = $2 ORDER BY seq DESC LIMIT 1`,
      [sessionId, EVENT.angerChanged],
    );
    return last?.level ?? definition.persona.initialAnger;
  }

  async checkpoint(participant: Participant, body: CheckpointHitPayload) {
    const { checkpointId } = body;
    await this.requireCheckpoint(participant, checkpointId);
    const key = request(participant, 'checkpoint:hit', body);
    return this.log.append(participant.sessionId, key, async (session, manager) => {
      requireLive(session);
      if ((await checkpointsState(manager, session.id)).get(checkpointId) === 'hit') {
        throw new ActionRefused('already-hit', 'This checkpoint is already marked.');
      }
      return [{ type: EVENT.checkpointHit, actor: 'interviewer', payload: { checkpointId } }];
    });
  }

  /** Unticks a checkpoint, met by hand or by the desk: the interviewer's word is the last. */
  async clearCheckpoint(participant: Participant, body: CheckpointHitPayload) {
    const { checkpointId } = body;
    await this.requireCheckpoint(participant, checkpointId);
    const key = request(participant, 'checkpoint:clear', body);
    return this.log.append(participant.sessionId, key, async (session, manager) => {
      requireLive(session);
      if ((await checkpointsState(manager, session.id)).get(checkpointId) !== 'hit') {
        throw new ActionRefused(
          'not-hit',
          'This checkpoint is not marked, so there is nothing to untick.',
        );
      }
      return [{ type: EVENT.checkpointCleared, actor: 'interviewer', payload: { checkpointId } }];
    });
  }

  note(participant: Participant, body: NoteAddPayload) {
    requireRole(participant, 'interviewer');
    return this.log.appendWhileLive(participant.sessionId, request(participant, 'note:add', body), {
      type: EVENT.noteAdded,
      actor: 'interviewer',
      payload: { text: body.text },
    });
  }

  solve(participant: Participant, body: ActionPayload) {
    requireRole(participant, 'interviewer');
    const key = request(participant, 'session:solve', body);
    return this.log.append(participant.sessionId, key, (session) => {
      requireLive(session);
      if (session.solved) {
        throw new ActionRefused('already-solved', 'This role-play is already marked solved.');
      }
      return Promise.resolve([{ type: EVENT.sessionSolved, actor: 'interviewer', payload: {} }]);
    });
  }

  /** Ends a live session: the interviewer's call, or in practice the candidate's. */
  end(participant: Participant, body: SessionEndPayload) {
    const candidate = participant.mode === 'practice' && participant.role === 'candidate';
    if (!candidate) requireRole(participant, 'interviewer');
    const { reason } = body;
    if (candidate && reason !== undefined) {
      throw new ActionRefused('invalid', 'reason is for the interviewer’s notes', 'reason');
    }
    const key = request(participant, 'session:end', body);
    return this.log.append(participant.sessionId, key, async (session, manager) => {
      // The interviewer may end it even when its time is up and the sweep has not got to it yet.
      requireLive({ ...session, timeUp: false });
      await this.candidateLinks.expireAfterEnd(session.id, manager);
      const ended: NewEvent = candidate
        ? { type: EVENT.sessionEnded, actor: 'candidate', payload: { endedBy: 'candidate' } }
        : {
            type: EVENT.sessionEnded,
            actor: 'interviewer',
            payload:
              reason === undefined
                ? { endedBy: 'interviewer' }
                : { endedBy: 'interviewer', reason },
          };
      return [ended];
    });
  }

  /** Ends a live session whose time limit has passed; logs nothing if it has ended meanwhile. */
  endAtTimeLimit(sessionId: string): Promise<Appended> {
    return this.log.append(sessionId, null, async (session, manager) => {
      if (session.status !== 'live' || !session.timeUp) return [];
      await this.candidateLinks.expireAfterEnd(sessionId, manager);
      return [{ type: EVENT.sessionEnded, actor: 'system', payload: { endedBy: 'time-limit' } }];
    });
  }

  async helpSearch(
    participant: Participant,
    body: HelpSearchPayload,
  ): Promise<Appended & { results: SearchResult[] }> {
    requireRole(participant, 'candidate');
    const { query } = body;
    const results = await this.helpCenter.search(query, await this.helpScope(participant));
    const appended = await this.log.appendWhileLive(
      participant.sessionId,
      request(participant, 'help:search', body),
      {
        type: EVENT.helpSearched,
        actor: 'candidate',
        payload: { query, results: results.map((result) => result.articleId) },
      },
    );
    return { ...appended, results };
  }

  async helpOpen(
    participant: Participant,
    body: HelpArticlePayload,
  ): Promise<Appended & { article: Pick<ArticleView, 'id' | 'title' | 'html'> }> {
    requireRole(participant, 'candidate');
    const { articleId } = body;
    const { id, title, html } = await this.article(participant, articleId);
    const appended = await this.log.appendWhileLive(
      participant.sessionId,
      request(participant, 'help:open', body),
      {
        type: EVENT.helpOpened,
        actor: 'candidate',
        payload: { articleId, title },
      },
    );
    return { ...appended, article: { id, title, html } };
  }

  async helpClose(participant: Participant, body: HelpArticlePayload) {
    requireRole(participant, 'candidate');
    const { articleId } = body;
    await this.article(participant, articleId);
    return this.log.appendWhileLive(
      participant.sessionId,
      request(participant, 'help:close', body),
      {
        type: EVENT.helpClosed,
        actor: 'candidate',
        payload: { articleId },
      },
    );
  }

  /** A lookup: logs `desk.viewed` and answers the record as the candidate's actions have left it. */
  async deskView(participant: Participant, body: DeskViewPayload) {
    const { recordId } = body;
    const { desk, context } = await this.desk(participant);
    const record = desk.records.find((r) => r.id === recordId);
    if (!record) {
      throw new ActionRefused(
        'invalid',
        'recordId must be a record of this role-play’s desk',
        'recordId',
      );
    }
    const appended = await this.log.appendWhileLive(
      participant.sessionId,
      request(participant, 'desk:view', body),
      {
        type: EVENT.deskViewed,
        actor: 'candidate',
        payload: { recordId, title: renderTemplate(record.title, context) },
      },
    );
    const records = deskRecords(desk, context, await this.applications(participant.sessionId));
    return { ...appended, record: records.find((r) => r.id === recordId)! };
  }

  /**
   * An action on the desk, checked against its form and the records as they are, under the session's
   * lock: logs `desk.acted` with the story's mistakes it makes, then `checkpoint.hit` (actor `system`)
   * for each checkpoint it meets that nobody has marked or unticked yet. Answers the changed records.
   */
  async deskAct(participant: Participant, body: DeskActPayload) {
    const { actionId, input } = body;
    const { desk, context } = await this.desk(participant);
    const action = desk.actions.find((a) => a.id === actionId);
    if (!action) {
      throw new ActionRefused(
        'invalid',
        'actionId must be an action of this role-play’s desk',
        'actionId',
      );
    }
    // The records this action leaves, made in the decision: a template that fails there logs nothing.
    let after: RecordView[] | undefined;
    const appended = await this.log.append(
      participant.sessionId,
      request(participant, 'desk:act', body),
      async (session, manager) => {
        requireLive(session);
        const applications = await this.applications(session.id, manager);
        const checked = checkInput(action, input, deskRecords(desk, context, applications));
        if ('reason' in checked) {
          throw new ActionRefused('invalid', `${checked.field}: ${checked.reason}`, checked.field);
        }
        const application: Application = { actionId, input: checked.input };
        const acted: NewEvent = {
          type: EVENT.deskActed,
          actor: 'candidate',
          payload: {
            actionId,
            label: action.label,
            input: checked.input,
            result: actionResult(action, checked.input, context),
            mistakes: mistakesOf(desk, application),
          },
        };
        after = deskRecords(desk, context, [...applications, application]);
        const met = checkpointsMetByAction(desk, [...applications, application]);
        return [acted, ...(await this.deskHits(manager, session.id, session.lastSeq + 1, met))];
      },
    );
    // A retry decided nothing: its answer is the records as they are now.
    const records =
      after ?? deskRecords(desk, context, await this.applications(participant.sessionId));
    return { ...appended, records: records.filter((record) => record.id === action.record) };
  }

  /** The email to the customer: logs `desk.emailed` with the facts it mentions, and the checkpoints it meets. */
  async deskEmail(participant: Participant, email: DeskEmailPayload) {
    const { subject, body } = email;
    const { desk } = await this.desk(participant);
    const key = request(participant, 'desk:email', email);
    return this.log.append(participant.sessionId, key, async (session, manager) => {
      requireLive(session);
      const mentions = factsMentioned(`${subject}\n${body}`, confirmationFactsOf({ desk }));
      return [
        { type: EVENT.deskEmailed, actor: 'candidate', payload: { subject, body, mentions } },
        ...(await this.deskHits(
          manager,
          session.id,
          session.lastSeq + 1,
          checkpointsMetBy(desk, 'email'),
        )),
      ];
    });
  }

  /** The report to the product team: logs `desk.reported`, and the checkpoints it meets. */
  async deskReport(participant: Participant, body: DeskReportPayload) {
    // What the candidate reported, without the idempotency key.
    const { clientId, ...report } = body;
    const { desk } = await this.desk(participant);
    const key = request(participant, 'desk:report', body);
    return this.log.append(participant.sessionId, key, async (session, manager) => {
      requireLive(session);
      return [
        { type: EVENT.deskReported, actor: 'candidate', payload: report },
        ...(await this.deskHits(
          manager,
          session.id,
          session.lastSeq + 1,
          checkpointsMetBy(desk, 'report'),
        )),
      ];
    });
  }

  attention(participant: Participant, body: AttentionPayload) {
    requireRole(participant, 'candidate');
    return this.log.appendWhileLive(
      participant.sessionId,
      request(participant, 'attention', body),
      {
        type: ATTENTION_EVENTS[body.kind],
        actor: 'candidate',
        payload: {},
      },
    );
  }

  /**
   * What `participant` may see after `afterSeq`; `lastSeq` is where the next call continues. A
   * candidate counts in their own numbering (candidate_seq), which skips nothing they may see.
   */
  async sync(participant: Participant, afterSeq: number) {
    const candidate = participant.role === 'candidate';
    const events = candidate
      ? await this.log.candidateSince(participant.sessionId, afterSeq, SYNC_LIMIT)
      : await this.log.since(participant.sessionId, afterSeq, SYNC_LIMIT);
    const last = events.at(-1);
    return {
      events: events
        .map((event) => eventFor(participant.role, event))
        .filter((event): event is SessionEvent => event !== undefined),
      lastSeq: last ? (candidate ? last.candidateSeq! : last.seq) : afterSeq,
      more: events.length === SYNC_LIMIT,
    };
  }

  /** The desk of the candidate's role-play, with the values its templates are rendered with. */
  private async desk(participant: Participant): Promise<{ desk: DeskDefinition; context: object }> {
    requireRole(participant, 'candidate');
    const definition = await this.definition(participant);
    if (!definition.desk) {
      throw new ActionRefused(
        'no-desk',
        'This role-play has no agent desk: the chat is all there is.',
      );
    }
    const name = await candidateNameOf(this.candidates, participant.candidateId);
    const context = templateContext(definition, splitName(name));
    return { desk: definition.desk, context };
  }

  /** Every desk action of the session so far, oldest first: what its records are rebuilt from. */
  private async applications(sessionId: string, manager?: EntityManager): Promise<Application[]> {
    const acted = await this.log.payloadsOf(sessionId, EVENT.deskActed, manager);
    return acted.map(({ actionId, input }) => ({ actionId, input }));
  }

  /**
   * `checkpoint.hit` by the desk for each of `met` that nobody has marked or unticked yet, naming
   * `metBy`: the seq of the desk event that met them, logged just before.
   */
  private async deskHits(
    manager: EntityManager,
    sessionId: string,
    metBy: number,
    met: string[],
  ): Promise<NewEvent[]> {
    const state = await checkpointsState(manager, sessionId);
    return [...new Set(met)]
      .filter((checkpointId) => !state.has(checkpointId))
      .map((checkpointId) => ({
        type: EVENT.checkpointHit,
        actor: 'system',
        payload: { checkpointId, metBy },
      }));
  }

  private async requireCheckpoint(participant: Participant, checkpointId: string) {
    requireRole(participant, 'interviewer');
    const { solution } = await this.definition(participant);
    if (!solution.checkpoints.some((checkpoint) => checkpoint.id === checkpointId)) {
      throw new ActionRefused(
        'invalid',
        'checkpointId must be a checkpoint of this scenario',
        'checkpointId',
      );
    }
  }

  private definition({ scenarioVersionId }: Participant): Promise<ScenarioDefinition> {
    return this.scenarios.version(scenarioVersionId);
  }

  private async helpScope(participant: Participant): Promise<SearchScope> {
    const { product, helpCenter } = await this.definition(participant);
    return { product, articleIds: helpCenter.articles };
  }

  private async article(participant: Participant, articleId: string) {
    try {
      return await this.helpCenter.article(articleId, await this.helpScope(participant));
    } catch (error) {
      if (!(error instanceof NotFoundException)) throw error;
      throw new ActionRefused(
        'invalid',
        'articleId must be an article of this role-play’s help center',
        'articleId',
      );
    }
  }
}

/** The action's idempotency key: the sender's, for this action with exactly this payload. */
function request(participant: Participant, action: string, payload: ActionPayload): ClientRequest {
  return clientRequest(participant.role, action, payload);
}

function requireRole(participant: Participant, ...roles: RoleplayRole[]): void {
  if (!roles.includes(participant.role)) {
    throw new ActionRefused(
      'forbidden',
      roles.includes('interviewer')
        ? roles.includes('candidate')
          ? 'Only the candidate and the interviewer running this role-play can do this.'
          : 'Only the interviewer running this role-play can do this.'
        : 'Only the candidate can do this.',
    );
  }
}

/** Each checkpoint's latest event in the session: `hit` or `cleared`; a checkpoint never touched is absent. */
async function checkpointsState(
  manager: EntityManager,
  sessionId: string,
): Promise<Map<string, 'hit' | 'cleared'>> {
  const rows = await manager.query<Array<{ id: string; type: string }>>(
    `SELECT DISTINCT ON (payload->>'checkpointId') payload->>'checkpointId' AS id, type
     FROM session_events WHERE session_id = $1 AND type IN ($2, $3)
     ORDER BY payload->>'checkpointId', seq DESC`,
    [sessionId, EVENT.checkpointHit, EVENT.checkpointCleared],
  );
  return new Map(
    rows.map(({ id, type }) => [id, type === EVENT.checkpointHit ? 'hit' : 'cleared'] as const),
  );
}

/** `anger.changed` to `level` clamped to 0-10, or nothing when that is the level already. */
function angerChange(current: number, level: number, actor: 'interviewer' | 'system'): NewEvent[] {
  const next = Math.min(10, Math.max(0, level));
  return next === current ? [] : [{ type: EVENT.angerChanged, actor, payload: { level: next } }];
}

/** The first event of an append, as the participant who asked for it sees it. */
export function ackEvent(participant: Participant, { events }: Appended) {
  return events[0] && eventFor(participant.role, events[0]);
}
