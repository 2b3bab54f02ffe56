/**
 * What every part of the interviewer console shares: the script the page came with, the session's
 * state as its log has brought it, and the way to act (through the one role-play connection).
 */
import {
  EVENT,
  SCHEDULED,
  stateChanges,
  stopwatch,
  type Line,
  type RoleplayRole,
  type SessionEvent,
  type SessionMode,
  type SessionState,
  type SessionStatus,
} from '@hotseat/events';
import type { BeatConditions } from '@hotseat/metrics/cues';
import { el, wallClock } from '../lib/dom';
import type { ActionInput, ActionName, RoleplayConnection } from '../lib/roleplay-connection';

/** A beat of the script: its line, what it does to the anger, and when Hotseat suggests it. */
export interface ConsoleBeat {
  id: string;
  cue: string;
  line: string;
  anger: number;
  once?: boolean;
  when?: BeatConditions;
}

/** The script SessionsService.script() puts on the page (the parts the console uses). */
export interface ConsoleScript {
  sessionId: string;
  status: SessionStatus;
  role: RoleplayRole;
  /** `practice`: the script plays the customer and staff watch. */
  mode: SessionMode;
  /** The server's clock when it made the page. */
  serverTime: string;
  candidateName: string;
  persona: { name: string; initialAnger: number; calmAt: number };
  beats: ConsoleBeat[];
  rubric: Array<{ id: string; label: string }>;
  solution: { checkpoints: Array<{ id: string; label: string }> };
  /** The agent desk, for staff: its actions' forms, its rules (which checkpoints it ticks) and the story's mistakes. */
  desk?: {
    actions: Array<{ id: string; label: string; inputs: Array<{ id: string; label: string }> }>;
    rules: Array<{ checkpoint: string }>;
    mistakes: Array<{ id: string; note: string }>;
  };
}

/** A part of the console: it draws the events it cares about and follows the session's state. */
export interface ConsolePart {
  show?(event: SessionEvent, line: Line | null): void;
  update?(): void;
}

export class ConsoleContext {
  /** The session's state columns, rebuilt from the events seen (STATE_CHANGES). */
  state: SessionState;
  /** Every event seen, in seq order (the connection hands each over once, in order). */
  readonly events: SessionEvent[] = [];
  /** The customer's anger as the log has it now. */
  anger: number;
  readonly canAct: boolean;
  readonly practice: boolean;
  /** Whether the role-play connection is up now; the session's buttons wait for it. */
  online = false;
  private connection: RoleplayConnection | null = null;
  /** The server's clock less this computer's, when the page was made: events are stamped by the server. */
  private readonly skew: number;

  constructor(readonly script: ConsoleScript) {
    // A few seconds are the page's own way here, not a wrong clock (as in the candidate's room).
    const skew = Date.parse(script.serverTime) - Date.now() || 0;
    this.skew = Math.abs(skew) > 5000 ? skew : 0;
    this.state = { ...SCHEDULED, status: script.status };
    this.practice = script.mode === 'practice';
    // In practice the script plays the customer: staff only watch, whatever their role.
    this.canAct = script.role === 'interviewer' && !this.practice;
    this.anger = script.persona.initialAnger;
  }

  connected(connection: RoleplayConnection): void {
    this.connection = connection;
  }

  get socket() {
    return this.connection!.socket;
  }

  /** Says the interviewer is typing; a hint that is never logged, so a lost one needs no retry. */
  typing(now: boolean): void {
    this.connection!.typing(now);
  }

  apply(event: SessionEvent): void {
    this.events.push(event);
    this.state = { ...this.state, ...stateChanges([event]) };
    if (event.type === EVENT.angerChanged) this.anger = event.payload.level;
  }

  get live(): boolean {
    return this.state.status === 'live';
  }

  /** Milliseconds since the start (the scorecard counts from there too), or null before it. */
  /** Now, by the server's clock (a laptop's clock may be off by minutes). */
  now(): number {
    return Date.now() + this.skew;
  }

  sinceStart(at: string | number = this.now()): number | null {
    const started = this.state.startedAt?.getTime();
    return started === undefined ? null : new Date(at).getTime() - started;
  }

  /** A time as the console writes it: mm:ss since the start, the wall clock before it. */
  stamp(at: string): HTMLTimeElement {
    const since = this.sinceStart(at);
    return el(
      'time',
      { datetime: at, title: wallClock(at) },
      since === null ? wallClock(at) : stopwatch(since),
    );
  }

  /** Sends an action; shows the server's reason in `errorNode` and answers false when refused. */
  async perform<E extends ActionName>(
    errorNode: HTMLElement,
    name: E,
    payload: ActionInput<E>,
  ): Promise<boolean> {
    errorNode.hidden = true;
    try {
      const answer = await this.connection!.act(name, payload);
      if (answer.ok) return true;
      errorNode.textContent = answer.error.message;
    } catch {
      errorNode.textContent = 'The server did not answer. Check your connection, then try again.';
    }
    errorNode.hidden = false;
    return false;
  }
}

/** Appends to a list, replacing its "nothing yet" line. */
export function appendTo(list: HTMLElement, item: HTMLElement): void {
  list.querySelector('.empty')?.remove();
  list.append(item);
}
