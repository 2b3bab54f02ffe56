import type { RoleplayRole } from '@hotseat/identity';

/** Every kind of event in a session's log (DESIGN section 4). */
export const EVENT_TYPES = [
  'session.started',
  'chat.message',
  'anger.changed',
  'checkpoint.hit',
  'note.added',
  'help.searched',
  'help.opened',
  'help.closed',
  'candidate.pasted',
  'candidate.away',
  'candidate.back',
  'session.solved',
  'session.ended',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** `customer` is the interviewer speaking in character; `interviewer` acts out of character. */
export type Actor = 'customer' | 'candidate' | 'interviewer' | 'system';

/** An event as clients receive it. */
export interface SessionEvent {
  seq: number;
  type: EventType;
  actor: Actor;
  /** Server time, ISO 8601. */
  at: string;
  payload: Record<string, unknown>;
}

type Projection = (payload: Record<string, unknown>) => Record<string, unknown>;
const whole: Projection = (payload) => payload;
const only =
  (...keys: string[]): Projection =>
  (payload) =>
    Object.fromEntries(keys.filter((key) => key in payload).map((key) => [key, payload[key]]));

/**
 * What a candidate may see of each event type, and of its payload; a type missing here is never sent
 * to a candidate. Interviewer-only: notes, anger, checkpoints, the solve (an assessment), the script
 * beat a line came from, why the interviewer ended the session.
 */
const CANDIDATE_VIEW: Partial<Record<EventType, Projection>> = {
  'session.started': only('timeLimitMinutes'),
  'chat.message': only('text'),
  'help.searched': whole,
  'help.opened': whole,
  'help.closed': whole,
  'candidate.pasted': whole,
  'candidate.away': whole,
  'candidate.back': whole,
  'session.ended': only('endedBy'),
};

/** The event as `role` may see it, or undefined when it may not see it at all. */
export function eventFor(role: RoleplayRole, event: SessionEvent): SessionEvent | undefined {
  if (role !== 'candidate') return event;
  const project = CANDIDATE_VIEW[event.type];
  return project && { ...event, payload: project(event.payload) };
}
