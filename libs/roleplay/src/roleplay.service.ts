import { Injectable, NotFoundException } from '@nestjs/common';
import {
  ATTENTION_EVENTS,
  EVENT,
  eventFor,
  type NewEvent,
  type RoleplayRole,
  type SessionEvent,
} from '@hotseat/events';
import { CandidatesService, splitName } from '@hotseat/hiring';
import {
  HelpCenterService,
  renderTemplate,
  ScenariosService,
  templateContext,
  type ArticleView,
  type ScenarioDefinition,
  type SearchResult,
  type SearchScope,
} from '@hotseat/scenarios';
import type {
  AngerSetPayload,
  AttentionPayload,
  ChatSendPayload,
  CheckpointHitPayload,
  HelpArticlePayload,
  HelpSearchPayload,
  NoteAddPayload,
  SessionEndPayload,
} from './dto/socket-payloads';
import { EventLog, requireLive, requireNotOver, type Appended } from './event-log';
import { ActionRefused } from './roleplay.errors';
import type { Participant } from './sessions.service';

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
  ) {}

  async start(participant: Participant, clientId: string): Promise<Appended> {
    requireRole(participant, 'interviewer');
    const definition = await this.definition(participant);
    // Read before the append: inside its transaction only its own connection may be used.
    const names = await this.candidates.names([participant.candidateId]);
    const firstLine = renderTemplate(
      definition.firstLine,
      templateContext(definition, splitName(names.get(participant.candidateId)!)),
    );
    return this.log.append(participant.sessionId, clientId, (session) => {
      if (session.status === 'live') {
        throw new ActionRefused('already-started', 'This role-play has already started.');
      }
      requireNotOver(session);
      return Promise.resolve([
        {
          type: EVENT.sessionStarted,
          actor: 'interviewer',
          payload: { timeLimitMinutes: definition.timeLimitMinutes },
        },
        { type: EVENT.chatMessage, actor: 'customer', payload: { text: firstLine } },
      ]);
    });
  }

  async chat(participant: Participant, { clientId, text, beatId }: ChatSendPayload) {
    requireRole(participant, 'interviewer', 'candidate');
    if (beatId !== undefined) {
      if (participant.role !== 'interviewer') {
        throw new ActionRefused(
          'invalid',
          'beatId is for the interviewer’s script lines',
          'beatId',
        );
      }
      const { beats } = await this.definition(participant);
      if (!beats.some((beat) => beat.id === beatId)) {
        throw new ActionRefused('invalid', 'beatId must be a beat of this scenario', 'beatId');
      }
    }
    return this.appendWhileLive(participant, clientId, {
      type: EVENT.chatMessage,
      actor: participant.role === 'interviewer' ? 'customer' : 'candidate',
      payload: beatId === undefined ? { text } : { text, beatId },
    });
  }

  anger(participant: Participant, { clientId, level }: AngerSetPayload) {
    requireRole(participant, 'interviewer');
    return this.appendWhileLive(participant, clientId, {
      type: EVENT.angerChanged,
      actor: 'interviewer',
      payload: { level },
    });
  }

  async checkpoint(participant: Participant, { clientId, checkpointId }: CheckpointHitPayload) {
    requireRole(participant, 'interviewer');
    const { solution } = await this.definition(participant);
    if (!solution.checkpoints.some((checkpoint) => checkpoint.id === checkpointId)) {
      throw new ActionRefused(
        'invalid',
        'checkpointId must be a checkpoint of this scenario',
        'checkpointId',
      );
    }
    return this.log.append(participant.sessionId, clientId, async (session, manager) => {
      requireLive(session);
      const [earlier] = await manager.query<unknown[]>(
        `SELECT 1 FROM session_events WHERE session_id = $1 AND type = $2
           AND payload->>'checkpointId' = $3`,
        [session.id, EVENT.checkpointHit, checkpointId],
      );
      if (earlier) throw new ActionRefused('already-hit', 'This checkpoint is already marked.');
      return [{ type: EVENT.checkpointHit, actor: 'interviewer', payload: { checkpointId } }];
    });
  }

  note(participant: Participant, { clientId, text }: NoteAddPayload) {
    requireRole(participant, 'interviewer');
    return this.appendWhileLive(participant, clientId, {
      type: EVENT.noteAdded,
      actor: 'interviewer',
      payload: { text },
    });
  }

  solve(participant: Participant, clientId: string) {
    requireRole(participant, 'interviewer');
    return this.log.append(participant.sessionId, clientId, (session) => {
      requireLive(session);
      if (session.solved) {
        throw new ActionRefused('already-solved', 'This role-play is already marked solved.');
      }
      return Promise.resolve([{ type: EVENT.sessionSolved, actor: 'interviewer', payload: {} }]);
    });
  }

  end(participant: Participant, { clientId, reason }: SessionEndPayload) {
    requireRole(participant, 'interviewer');
    return this.log.append(participant.sessionId, clientId, (session) => {
      // The interviewer may end it even when its time is up and the sweep has not got to it yet.
      requireLive({ ...session, timeUp: false });
      const ended: NewEvent = {
        type: EVENT.sessionEnded,
        actor: 'interviewer',
        payload:
          reason === undefined ? { endedBy: 'interviewer' } : { endedBy: 'interviewer', reason },
      };
      return Promise.resolve([ended]);
    });
  }

  /** Ends a live session whose time limit has passed; logs nothing if it has ended meanwhile. */
  endAtTimeLimit(sessionId: string): Promise<Appended> {
    return this.log.append(sessionId, null, (session) =>
      Promise.resolve(
        session.status === 'live' && session.timeUp
          ? [{ type: EVENT.sessionEnded, actor: 'system', payload: { endedBy: 'time-limit' } }]
          : [],
      ),
    );
  }

  async helpSearch(
    participant: Participant,
    { clientId, query }: HelpSearchPayload,
  ): Promise<Appended & { results: SearchResult[] }> {
    requireRole(participant, 'candidate');
    const results = await this.helpCenter.search(query, await this.helpScope(participant));
    const appended = await this.appendWhileLive(participant, clientId, {
      type: EVENT.helpSearched,
      actor: 'candidate',
      payload: { query, results: results.map((result) => result.articleId) },
    });
    return { ...appended, results };
  }

  async helpOpen(
    participant: Participant,
    { clientId, articleId }: HelpArticlePayload,
  ): Promise<Appended & { article: Pick<ArticleView, 'id' | 'title' | 'html'> }> {
    requireRole(participant, 'candidate');
    const { id, title, html } = await this.article(participant, articleId);
    const appended = await this.appendWhileLive(participant, clientId, {
      type: EVENT.helpOpened,
      actor: 'candidate',
      payload: { articleId, title },
    });
    return { ...appended, article: { id, title, html } };
  }

  async helpClose(participant: Participant, { clientId, articleId }: HelpArticlePayload) {
    requireRole(participant, 'candidate');
    await this.article(participant, articleId);
    return this.appendWhileLive(participant, clientId, {
      type: EVENT.helpClosed,
      actor: 'candidate',
      payload: { articleId },
    });
  }

  attention(participant: Participant, { clientId, kind }: AttentionPayload) {
    requireRole(participant, 'candidate');
    return this.appendWhileLive(participant, clientId, {
      type: ATTENTION_EVENTS[kind],
      actor: 'candidate',
      payload: {},
    });
  }

  /** What `participant` may see after `afterSeq`; `lastSeq` is where the next call continues. */
  async sync(participant: Participant, afterSeq: number) {
    const events = await this.log.since(participant.sessionId, afterSeq, SYNC_LIMIT);
    return {
      events: events
        .map((event) => eventFor(participant.role, event))
        .filter((event): event is SessionEvent => event !== undefined),
      lastSeq: events.at(-1)?.seq ?? afterSeq,
      more: events.length === SYNC_LIMIT,
    };
  }

  private appendWhileLive(participant: Participant, clientId: string, event: NewEvent) {
    return this.log.appendWhileLive(participant.sessionId, clientId, event);
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

/** The first event of an append, as the participant who asked for it sees it. */
export function ackEvent(participant: Participant, { events }: Appended) {
  return events[0] && eventFor(participant.role, events[0]);
}
