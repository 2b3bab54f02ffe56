/**
 * What every part of the candidate's room shares: the room the page came with, where the role-play
 * stands (started, ended, the link closed) as its events and the connection have told, and the one
 * role-play connection, which the parts reach through this room: it is made once they are all in
 * place to draw what it brings.
 */
import {
  EVENT,
  type CandidateDesk,
  type Line,
  type SessionEvent,
  type SessionMode,
  type SessionStatus,
} from '@hotseat/events';
import type {
  ActionInput,
  ActionName,
  ActOptions,
  RoleplayConnection,
} from '../lib/roleplay-connection';

/** The room the server put on the page. */
export interface Room {
  token: string;
  sessionId: string;
  status: SessionStatus;
  candidateName: string;
  timeLimitMinutes: number;
  /** The desk's records (titles) and actions (forms); null when the scenario has none. */
  desk: CandidateDesk | null;
  mode: SessionMode;
  /** "Practise first" is offered: the practice's length in minutes; null when it is not. */
  practiceMinutes: number | null;
  /** The server's clock when it made the page. */
  serverTime: string;
}

/** A part of the room: it draws the events it cares about and follows where the role-play stands. */
export interface RoomPart {
  /** `line`: the presenter's words for the event, when it has any. */
  show(event: SessionEvent, line: Line | null): void;
  /** After the start, the end and the link's closing. */
  update?(): void;
}

export class RoomContext implements RoleplayConnection {
  readonly practice: boolean;
  started = false;
  ended = false;
  /** The link was revoked or has expired: nothing on this page can reach the server any more. */
  linkEnded = false;
  private connection: RoleplayConnection | null = null;

  constructor(readonly room: Room) {
    this.practice = room.mode === 'practice';
  }

  connected(connection: RoleplayConnection): void {
    this.connection = connection;
  }

  get socket() {
    return this.connection!.socket;
  }

  act<E extends ActionName>(name: E, payload: ActionInput<E>, options?: ActOptions) {
    return this.connection!.act(name, payload, options);
  }

  typing(typing: boolean): void {
    this.connection!.typing(typing);
  }

  apply(event: SessionEvent): void {
    if (event.type === EVENT.sessionStarted) this.started = true;
    else if (event.type === EVENT.sessionEnded) this.ended = true;
  }

  /** Whether the candidate can take part now: the chat is on, and the link still works. */
  get live(): boolean {
    return this.started && !this.ended && !this.linkEnded;
  }
}
