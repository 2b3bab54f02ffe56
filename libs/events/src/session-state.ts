import type { EventType, SessionEvent } from './vocabulary';

export const SESSION_STATUSES = ['scheduled', 'live', 'ended', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** `live`: an interviewer plays the customer and it is scored; `practice`: the script plays the customer, nothing counts. */
export const SESSION_MODES = ['live', 'practice'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];

/**
 * A role-play's state as its log has brought it: the state columns of roleplay_sessions. They move
 * only through STATE_CHANGES, in the transaction that logs the event, so the log alone rebuilds them.
 */
export interface SessionState {
  status: SessionStatus;
  startedAt: Date | null;
  /** When the time limit runs out. */
  endsAt: Date | null;
  solvedAt: Date | null;
  endedAt: Date | null;
  cancelledAt: Date | null;
}

export const SCHEDULED: SessionState = {
  status: 'scheduled',
  startedAt: null,
  endsAt: null,
  solvedAt: null,
  endedAt: null,
  cancelledAt: null,
};

type Change<T extends EventType> = (event: SessionEvent<T>) => Partial<SessionState>;

/** The events that move a session's state, and what each sets. */
export const STATE_CHANGES: { [T in EventType]?: Change<T> } = {
  'session.started': ({ at, payload }) => ({
    status: 'live',
    startedAt: new Date(at),
    endsAt: new Date(Date.parse(at) + payload.timeLimitMinutes * 60_000),
  }),
  'session.solved': ({ at }) => ({ solvedAt: new Date(at) }),
  'session.ended': ({ at }) => ({ status: 'ended', endedAt: new Date(at) }),
  'session.cancelled': ({ at }) => ({ status: 'cancelled', cancelledAt: new Date(at) }),
};

/** What `events` change of a state, or an empty object when they change nothing. */
export function stateChanges(events: readonly SessionEvent[]): Partial<SessionState> {
  return Object.assign(
    {},
    ...events.map((event) => (STATE_CHANGES[event.type] as Change<EventType> | undefined)?.(event)),
  ) as Partial<SessionState>;
}

/** The checkpoints met at the end of `events`: ticked (by hand or by the desk) and not unticked since. */
export function checkpointsMet(events: readonly SessionEvent[]): Set<string> {
  const met = new Set<string>();
  for (const event of events) {
    if (event.type === 'checkpoint.hit') met.add(event.payload.checkpointId);
    if (event.type === 'checkpoint.cleared') met.delete(event.payload.checkpointId);
  }
  return met;
}

/** A session's state rebuilt from its whole log. */
export function sessionState(events: readonly SessionEvent[]): SessionState {
  return { ...SCHEDULED, ...stateChanges(events) };
}
