import type {
  EventPayloads,
  EventType,
  LoggedEvent,
  RoleplayRole,
  SessionEvent,
} from './vocabulary';

type Projection<T extends EventType> = (payload: EventPayloads[T]) => EventPayloads[T];

/**
 * What a candidate may see of each event type, and of its payload; a type missing here is never sent
 * to a candidate. Interviewer-only: notes, anger, checkpoints (met by hand or by the desk), which desk actions were mistakes, which
 * facts an email was meant to mention, the solve (an assessment), the script
 * beat a line came from, why the interviewer ended the session.
 */
const CANDIDATE_VIEW: { [T in EventType]?: Projection<T> } = {
  'session.started': ({ timeLimitMinutes }) => ({ timeLimitMinutes }),
  'chat.message': ({ text }) => ({ text }),
  'help.searched': (payload) => payload,
  'help.opened': (payload) => payload,
  'help.closed': (payload) => payload,
  'desk.viewed': (payload) => payload,
  // Which actions were mistakes, and which facts the email was meant to hold, are answer keys.
  'desk.acted': ({ actionId, label, input, result }) => ({ actionId, label, input, result }),
  'desk.emailed': ({ subject, body }) => ({ subject, body }),
  'desk.reported': (payload) => payload,
  'candidate.pasted': (payload) => payload,
  'candidate.away': (payload) => payload,
  'candidate.back': (payload) => payload,
  'session.ended': ({ endedBy }) => ({ endedBy }),
  'session.cancelled': (payload) => payload,
};

/** Whether a candidate is ever sent events of this type. */
export function candidateSees(type: EventType): boolean {
  return CANDIDATE_VIEW[type] !== undefined;
}

/**
 * The event as `role` may see it, or undefined when it may not see it at all. A candidate's copy is
 * numbered with `candidateSeq`, so the events hidden from them leave no gaps.
 */
export function eventFor(role: RoleplayRole, event: LoggedEvent): SessionEvent | undefined {
  const { candidateSeq, ...shared } = event;
  if (role !== 'candidate') return shared;
  const project = CANDIDATE_VIEW[event.type] as Projection<EventType> | undefined;
  if (!project || candidateSeq === null) return undefined;
  return { ...shared, seq: candidateSeq, payload: project(event.payload) } as SessionEvent;
}
