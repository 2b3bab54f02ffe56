import { Logger, OnModuleDestroy, UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  Ack,
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { isUUID } from 'class-validator';
import type { Environment } from '@hotseat/config';
import { untrustedInputProblem } from '@hotseat/validation';
import {
  AccessGuard,
  AuthService,
  guardSockets,
  Guests,
  Revocations,
  SignedIn,
} from '@hotseat/identity';
import {
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
  SyncPayload,
  TypingPayload,
} from './dto/socket-payloads';
import type { Appended } from './event-log';
import { FLOOD_LIMITS, FloodLimits, tokenKey } from './flood-limits';
import { PracticePlayer } from './practice-player';
import { ActionRefused } from './roleplay.errors';
import { ackEvent, RoleplayService } from './roleplay.service';
import {
  SessionBroadcaster,
  type RoleplayNamespace,
  type RoleplaySocket,
} from './session-broadcaster';
import { SessionsService, type Participant } from './sessions.service';
import { AckExceptionFilter, refusal, reply, socketValidationPipe } from './socket-errors';

export const ROLEPLAY_NAMESPACE = '/roleplay';

/**
 * The role-play chat (docs/protocol.md; the events are typed in @hotseat/events). The handshake
 * authenticates (guardSockets) and joins the socket to its session's room for its side. Every action
 * is logged by RoleplayService, which the log's commit relays through SessionBroadcaster before the
 * action is acknowledged here; `typing` and `presence` are ephemeral and never logged.
 */
@WebSocketGateway({ namespace: ROLEPLAY_NAMESPACE })
@UseGuards(AccessGuard)
@UseFilters(AckExceptionFilter)
@UsePipes(socketValidationPipe)
export class RoleplayGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy
{
  private readonly logger = new Logger('Roleplay');
  private readonly limits = new FloodLimits();
  private stopGuarding?: () => void;

  constructor(
    private readonly auth: AuthService,
    private readonly revocations: Revocations,
    private readonly config: ConfigService<Environment, true>,
    private readonly sessions: SessionsService,
    private readonly roleplay: RoleplayService,
    private readonly broadcaster: SessionBroadcaster,
    private readonly practice: PracticePlayer,
  ) {}

  afterInit(namespace: RoleplayNamespace): void {
    this.broadcaster.attach(namespace);
    this.stopGuarding = guardSockets(namespace, this.auth, this.revocations, {
      publicUrl: this.config.get('publicUrl', { infer: true }),
    });
    namespace.use((socket: RoleplaySocket, next: (error?: Error) => void) => {
      this.join(socket).then(
        () => next(),
        (error: Error) => next(error),
      );
    });
  }

  onModuleDestroy(): void {
    this.stopGuarding?.();
  }

  handleConnection(socket: RoleplaySocket): void {
    // Runs before every incoming event: unknown events, floods and payloads that break the shared
    // input rule (@hotseat/validation) are answered here, not dropped.
    const token = tokenKey(socket.data.principal!);
    const { sessionId } = participantOf(socket);
    socket.use(([event, ...args], next) => {
      const ack: unknown = args.at(-1);
      // `error` is Socket.IO's own (it listens for it), never an event a client may send.
      if (event === 'error' || socket.listenerCount(event) === 0) {
        reply(ack, refusal('unknown-event', `There is no event "${event}": see docs/protocol.md.`));
        return;
      }
      this.limits.allow(token, sessionId).then((allowed) => {
        if (!allowed) {
          reply(ack, refusal('rate-limited', 'Too many messages at once: wait a moment.'));
          return;
        }
        const payload: unknown = typeof args[0] === 'function' ? undefined : args[0];
        const problem = untrustedInputProblem(payload, 'payload');
        if (problem) reply(ack, refusal('invalid', problem.message, problem.field));
        else next();
      }, next);
    });
    void this.broadcaster.presence(participantOf(socket).sessionId);
    this.practice.joined(participantOf(socket)).catch((error: unknown) => {
      this.logger.error({ err: error, sessionId }, 'Could not start the practice script');
    });
  }

  handleDisconnect(socket: RoleplaySocket): void {
    const participant = socket.data.participant;
    if (participant) void this.broadcaster.presence(participant.sessionId);
  }

  @SubscribeMessage('session:start')
  async start(
    @ConnectedSocket() socket: RoleplaySocket,
    @MessageBody() body: ActionPayload,
    @Ack() ack: unknown,
  ) {
    const participant = participantOf(socket);
    this.answer(ack, participant, await this.roleplay.start(participant, body));
  }

  @SubscribeMessage('chat:send')
  @SignedIn()
  async chat(
    @ConnectedSocket() socket: RoleplaySocket,
    @MessageBody() body: ChatSendPayload,
    @Ack() ack: unknown,
  ) {
    const participant = participantOf(socket);
    this.answer(ack, participant, await this.roleplay.chat(participant, body));
  }

  @SubscribeMessage('typing')
  @SignedIn()
  typing(
    @ConnectedSocket() socket: RoleplaySocket,
    @MessageBody() { typing }: TypingPayload,
    @Ack() ack: unknown,
  ) {
    const { sessionId, role } = participantOf(socket);
    if (role === 'observer') {
      throw new ActionRefused('forbidden', 'Only the candidate and the interviewer type here.');
    }
    this.broadcaster.typing(socket, sessionId, {
      actor: role === 'candidate' ? 'candidate' : 'customer',
      typing,
    });
    reply(ack, { ok: true });
  }

  @SubscribeMessage('anger:set')
  async anger(
    @ConnectedSocket() socket: RoleplaySocket,
    @MessageBody() body: AngerSetPayload,
    @Ack() ack: unknown,
  ) {
    const participant = participantOf(socket);
    this.answer(ack, participant, await this.roleplay.anger(participant, body));
  }

  @SubscribeMessage('checkpoint:hit')
  async checkpoint(
    @ConnectedSocket() socket: RoleplaySocket,
    @MessageBody() body: CheckpointHitPayload,
    @Ack() ack: unknown,
  ) {
    const participant = participantOf(socket);
    this.answer(ack, participant, await this.roleplay.checkpoint(participant, body));
  }

  @SubscribeMessage('checkpoint:clear')
  async clearCheckpoint(
    @ConnectedSocket() socket: RoleplaySocket,
    @MessageBody() body: CheckpointHitPayload,
    @Ack() ack: unknown,
  ) {
    const participant = participantOf(socket);
    this.answer(ack, participant, await this.roleplay.clearCheckpoint(participant, body));
  }

  @SubscribeMessage('note:add')
  async note(
    @ConnectedSocket() socket: RoleplaySocket,
    @MessageBody() body: NoteAddPayload,
    @Ack() ack: unknown,
  ) {
    const participant = participantOf(socket);
    this.answer(ack, participant, await this.roleplay.note(participant, body));
  }

  @SubscribeMessage('session:solve')
  async solve(
    @ConnectedSocket() socket: RoleplaySocket,
    @MessageBody() body: ActionPayload,
    @Ack() ack: unknown,
  ) {
    const participant = participantOf(socket);
    this.answer(ack, participant, await this.roleplay.solve(participant, body));
  }

  @SubscribeMessage('session:end')
  // The candidate may end a practice session (RoleplayService.end).
  @SignedIn()
  async end(
    @ConnectedSocket() socket: RoleplaySocket,
    @MessageBody() body: SessionEndPayload,
    @Ack() ack: unknown,
  ) {
    const participant = participantOf(socket);
    this.answer(ack, participant, await this.roleplay.end(participant, body));
  }

  @SubscribeMessage('help:search')
  @Guests('candidate')
  async helpSearch(
    @ConnectedSocket() socket: RoleplaySocket,
    @MessageBody() body: HelpSearchPayload,
    @Ack() ack: unknown,
  ) {
    const participant = participantOf(socket);
    const { results, ...appended } = await this.roleplay.helpSearch(participant, body);
    this.answer(ack, participant, appended, { results });
  }

  @SubscribeMessage('help:open')
  @Guests('candidate')
  async helpOpen(
    @ConnectedSocket() socket: RoleplaySocket,
    @MessageBody() body: HelpArticlePayload,
    @Ack() ack: unknown,
  ) {
    const participant = participantOf(socket);
    const { article, ...appended } = await this.roleplay.helpOpen(participant, body);
    this.answer(ack, participant, appended, { article });
  }

  @SubscribeMessage('help:close')
  @Guests('candidate')
  async helpClose(
    @ConnectedSocket() socket: RoleplaySocket,
    @MessageBody() body: HelpArticlePayload,
    @Ack() ack: unknown,
  ) {
    const participant = participantOf(socket);
    this.answer(ack, participant, await this.roleplay.helpClose(participant, body));
  }

  @SubscribeMessage('desk:view')
  @Guests('candidate')
  async deskView(
    @ConnectedSocket() socket: RoleplaySocket,
    @MessageBody() body: DeskViewPayload,
    @Ack() ack: unknown,
  ) {
    const participant = participantOf(socket);
    const { record, ...appended } = await this.roleplay.deskView(participant, body);
    this.answer(ack, participant, appended, { record });
  }

  @SubscribeMessage('desk:act')
  @Guests('candidate')
  async deskAct(
    @ConnectedSocket() socket: RoleplaySocket,
    @MessageBody() body: DeskActPayload,
    @Ack() ack: unknown,
  ) {
    const participant = participantOf(socket);
    const { records, ...appended } = await this.roleplay.deskAct(participant, body);
    this.answer(ack, participant, appended, { records });
  }

  @SubscribeMessage('desk:email')
  @Guests('candidate')
  async deskEmail(
    @ConnectedSocket() socket: RoleplaySocket,
    @MessageBody() body: DeskEmailPayload,
    @Ack() ack: unknown,
  ) {
    const participant = participantOf(socket);
    this.answer(ack, participant, await this.roleplay.deskEmail(participant, body));
  }

  @SubscribeMessage('desk:report')
  @Guests('candidate')
  async deskReport(
    @ConnectedSocket() socket: RoleplaySocket,
    @MessageBody() body: DeskReportPayload,
    @Ack() ack: unknown,
  ) {
    const participant = participantOf(socket);
    this.answer(ack, participant, await this.roleplay.deskReport(participant, body));
  }

  @SubscribeMessage('attention')
  @Guests('candidate')
  async attention(
    @ConnectedSocket() socket: RoleplaySocket,
    @MessageBody() body: AttentionPayload,
    @Ack() ack: unknown,
  ) {
    const participant = participantOf(socket);
    this.answer(ack, participant, await this.roleplay.attention(participant, body));
  }

  @SubscribeMessage('sync')
  @SignedIn()
  async sync(
    @ConnectedSocket() socket: RoleplaySocket,
    @MessageBody() { afterSeq }: SyncPayload,
    @Ack() ack: unknown,
  ) {
    reply(ack, { ok: true, ...(await this.roleplay.sync(participantOf(socket), afterSeq)) });
  }

  /** Acknowledges what was appended (the log has relayed it already), as the sender may see it. */
  private answer(ack: unknown, participant: Participant, appended: Appended, extra: object = {}) {
    reply(ack, { ok: true, event: ackEvent(participant, appended), ...extra });
  }

  /** Handshake, after authentication: which session, in which role; refused with a reason. */
  private async join(socket: RoleplaySocket): Promise<void> {
    const principal = socket.data.principal!;
    const sessionId: unknown =
      principal.kind === 'guest'
        ? principal.link.subjectId
        : (socket.handshake.auth as { sessionId?: unknown }).sessionId;
    if (typeof sessionId !== 'string' || !isUUID(sessionId)) {
      throw new Error('Send the id of the role-play to join as auth.sessionId.');
    }
    try {
      socket.data.participant = await this.sessions.participant(principal, sessionId);
    } catch (error) {
      if (error instanceof ActionRefused) throw new Error(error.message);
      this.logger.error(error, 'Joining a role-play failed');
      throw new Error('Hotseat could not open this role-play just now. Try again in a moment.');
    }
    // Last, once nothing else can refuse it: the socket counts from here until it closes.
    if (!this.limits.admit(tokenKey(principal), sessionId, socket, socket.conn)) {
      const what = principal.kind === 'guest' ? 'This link is' : 'You are';
      throw new Error(
        `${what} already connected in ${FLOOD_LIMITS.socketsPerToken} windows: close one of them, then try again.`,
      );
    }
    await this.broadcaster.join(socket, socket.data.participant);
  }
}

function participantOf(socket: RoleplaySocket): Participant {
  // Set by the handshake middleware: a connected socket always has one.
  return socket.data.participant!;
}
