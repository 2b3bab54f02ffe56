import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Namespace, Socket } from 'socket.io';
import {
  eventFor,
  type ClientToServerEvents,
  type RoleplayRole,
  type ServerToClientEvents,
  type TypingNotice,
} from '@hotseat/events';
import type { Principal } from '@hotseat/identity';
import { EventLog, type Committed } from './event-log';
import type { Participant } from './sessions.service';

export interface RoleplaySocketData {
  principal?: Principal;
  participant?: Participant;
}
export type RoleplayNamespace = Namespace<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  RoleplaySocketData
>;
export type RoleplaySocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  RoleplaySocketData
>;

/** Each side of a session has its room, so that each is sent only what it may see. */
const staffRoom = (sessionId: string) => `roleplay:${sessionId}:staff`;
const candidateRoom = (sessionId: string) => `roleplay:${sessionId}:candidate`;

/**
 * The only code that sends to a session's sockets. It relays what the event log committed to the
 * session's rooms, filtered per side (eventFor); through Socket.IO's adapter that reaches sockets on
 * every instance. A retry's original is relayed again: its first broadcast may have been lost (an
 * instance stopping, Redis dropping a message), and clients keep one copy per seq. Typing and
 * presence, which are never logged, go out from here too.
 */
@Injectable()
export class SessionBroadcaster implements OnModuleDestroy {
  private readonly logger = new Logger('Roleplay');
  private namespace?: RoleplayNamespace;
  private readonly unsubscribe: () => void;

  constructor(log: EventLog) {
    this.unsubscribe = log.subscribe((committed) => this.relay(committed));
  }

  /** Called once the gateway's namespace exists. */
  attach(namespace: RoleplayNamespace): void {
    this.namespace = namespace;
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  async join(socket: RoleplaySocket, { sessionId, role }: Participant): Promise<void> {
    await socket.join(role === 'candidate' ? candidateRoom(sessionId) : staffRoom(sessionId));
  }

  /** One side's typing, to everyone else in the session. */
  typing(socket: RoleplaySocket, sessionId: string, notice: TypingNotice): void {
    socket.to([staffRoom(sessionId), candidateRoom(sessionId)]).emit('typing', notice);
  }

  /** The practice script "typing" as the customer, to both sides of the session. */
  customerTyping(sessionId: string, typing: boolean): void {
    this.namespace
      ?.to([staffRoom(sessionId), candidateRoom(sessionId)])
      .emit('typing', { actor: 'customer', typing });
  }

  /** Tells both sides who is here: `{ candidate, interviewer }`, each true while connected. */
  async presence(sessionId: string): Promise<void> {
    if (!this.namespace) return;
    const rooms = [staffRoom(sessionId), candidateRoom(sessionId)];
    try {
      const sockets = await this.namespace.in(rooms).fetchSockets();
      const roles = new Set<RoleplayRole | undefined>(
        sockets.map((socket) => socket.data.participant?.role),
      );
      this.namespace.to(rooms).emit('presence', {
        candidate: roles.has('candidate'),
        interviewer: roles.has('interviewer'),
      });
    } catch (error) {
      this.logger.warn({ err: error, sessionId }, 'Could not announce presence');
    }
  }

  private relay({ sessionId, events }: Committed): void {
    if (!this.namespace) return;
    for (const event of events) {
      this.namespace.to(staffRoom(sessionId)).emit('event', eventFor('interviewer', event)!);
      const candidateView = eventFor('candidate', event);
      if (candidateView) this.namespace.to(candidateRoom(sessionId)).emit('event', candidateView);
    }
  }
}
