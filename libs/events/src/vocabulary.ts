/**
 * The vocabulary of a role-play's event log: every event type, who may act it, and its payload.
 * Everything that writes, reads, filters or shows events (the role-play, the metrics, the scorecards,
 * the pages) takes its types from here, so a misspelt type does not compile. This module, like the
 * rest of @hotseat/events, depends on nothing: the browser bundles it too.
 */

/** `customer` is the interviewer speaking in character; `interviewer` is staff acting out of character. */
export type Actor = 'customer' | 'candidate' | 'interviewer' | 'system';

/** How someone takes part in a role-play: its candidate, the interviewer running it, or a manager watching. */
export type RoleplayRole = 'candidate' | 'interviewer' | 'observer';

type Empty = Record<string, never>;

/** A desk action's input as the log keeps it: chosen row ids, an amount, or text. */
export type DeskInputValue = string[] | number | string;

/** A fact the confirmation email was asked to mention, and whether it does (a signal for staff). */
export interface FactMention {
  fact: string;
  found: boolean;
}

/** A report to the product team: its title, what happened (`body`), and the optional details. */
export interface ProductReport {
  title: string;
  body: string;
  steps?: string;
  impact?: string;
  customersAffected?: string;
  suggestion?: string;
}

/** The fields of a report besides its title, in the form's order. */
export const REPORT_FIELDS = [
  'body',
  'steps',
  'impact',
  'customersAffected',
  'suggestion',
] as const satisfies ReadonlyArray<keyof ProductReport>;
export type ReportField = (typeof REPORT_FIELDS)[number];

/** What each event carries, as staff see it. */
export interface EventPayloads {
  /** The session ends at `at` + the time limit. */
  'session.started': { timeLimitMinutes: number };
  /** `beatId`: the script beat the interviewer's line came from. */
  'chat.message': { text: string; beatId?: string };
  'anger.changed': { level: number };
  'checkpoint.hit': {
    checkpointId: string;
    /** When the desk met it (actor `system`): the seq of the desk event that did. */
    metBy?: number;
  };
  /** The interviewer unticked a checkpoint: it counts as not met until ticked again. */
  'checkpoint.cleared': { checkpointId: string };
  'note.added': { text: string };
  /** `results`: the article ids found, best first. */
  'help.searched': { query: string; results: string[] };
  'help.opened': { articleId: string; title: string };
  'help.closed': { articleId: string };
  'desk.viewed': { recordId: string; title: string };
  /**
   * `result`: what the candidate read once it was done; `mistakes`: the story's mistakes it made,
   * logged always and left out of the candidate's view.
   */
  'desk.acted': {
    actionId: string;
    label: string;
    input: Record<string, DeskInputValue>;
    result: string;
    mistakes?: string[];
  };
  /** `mentions`: the facts the desk's email rule names, found or not; left out of the candidate's view. */
  'desk.emailed': { subject: string; body: string; mentions?: FactMention[] };
  'desk.reported': ProductReport;
  'candidate.pasted': Empty;
  'candidate.away': Empty;
  'candidate.back': Empty;
  'session.solved': Empty;
  /** In practice, the candidate may end it, and it ends by itself once the required checkpoints are met. */
  'session.ended': {
    endedBy: 'interviewer' | 'time-limit' | 'candidate' | 'checkpoints-met';
    reason?: string;
  };
  'session.cancelled': Empty;
}

export type EventType = keyof EventPayloads;

/** Who may be the actor of each type. */
const ACTORS = {
  // `system`: a practice session, started and played by its script.
  'session.started': ['interviewer', 'system'],
  'chat.message': ['customer', 'candidate'],
  // `system`: the practice script, answering with a beat.
  'anger.changed': ['interviewer', 'system'],
  'checkpoint.hit': ['interviewer', 'system'],
  'checkpoint.cleared': ['interviewer'],
  'note.added': ['interviewer'],
  'help.searched': ['candidate'],
  'help.opened': ['candidate'],
  'help.closed': ['candidate'],
  'desk.viewed': ['candidate'],
  'desk.acted': ['candidate'],
  'desk.emailed': ['candidate'],
  'desk.reported': ['candidate'],
  'candidate.pasted': ['candidate'],
  'candidate.away': ['candidate'],
  'candidate.back': ['candidate'],
  'session.solved': ['interviewer', 'system'],
  'session.ended': ['interviewer', 'candidate', 'system'],
  'session.cancelled': ['interviewer'],
} as const satisfies { [T in EventType]: readonly Actor[] };

export type ActorOf<T extends EventType> = (typeof ACTORS)[T][number];

/** Every event type, in the order a role-play meets them. */
export const EVENT_TYPES = Object.keys(ACTORS) as EventType[];

/**
 * The event types by name, for code outside this library: `EVENT.helpOpened` rather than the string,
 * which a test forbids anywhere else (libs/events/src/event-literals.spec.ts).
 */
export const EVENT = {
  sessionStarted: 'session.started',
  chatMessage: 'chat.message',
  angerChanged: 'anger.changed',
  checkpointHit: 'checkpoint.hit',
  checkpointCleared: 'checkpoint.cleared',
  noteAdded: 'note.added',
  helpSearched: 'help.searched',
  helpOpened: 'help.opened',
  helpClosed: 'help.closed',
  deskViewed: 'desk.viewed',
  deskActed: 'desk.acted',
  deskEmailed: 'desk.emailed',
  deskReported: 'desk.reported',
  candidatePasted: 'candidate.pasted',
  candidateAway: 'candidate.away',
  candidateBack: 'candidate.back',
  sessionSolved: 'session.solved',
  sessionEnded: 'session.ended',
  sessionCancelled: 'session.cancelled',
} as const satisfies Record<string, EventType>;

// Every type has a name in EVENT: this fails to compile when one is missing.
type Unnamed = Exclude<EventType, (typeof EVENT)[keyof typeof EVENT]>;
const everyTypeNamed: [Unnamed] extends [never] ? true : Unnamed = true;
void everyTypeNamed;

/** What the candidate's page reports about the candidate's attention, and the event each one logs. */
export const ATTENTION_EVENTS = {
  pasted: 'candidate.pasted',
  away: 'candidate.away',
  back: 'candidate.back',
} as const satisfies Record<string, EventType>;
export type AttentionKind = keyof typeof ATTENTION_EVENTS;
export const ATTENTION_KINDS = Object.keys(ATTENTION_EVENTS) as AttentionKind[];

/** An event not yet logged: what an action asks the log to append. */
export type NewEvent<T extends EventType = EventType> = {
  [K in T]: { type: K; actor: ActorOf<K>; payload: EventPayloads[K] };
}[T];

/** A logged event, as the log returns it and clients receive it. */
export type SessionEvent<T extends EventType = EventType> = {
  [K in T]: {
    /** 1, 2, 3... per session, without gaps, in the order of commit. */
    seq: number;
    type: K;
    actor: ActorOf<K>;
    /** Server time, ISO 8601; never decreasing as seq grows. */
    at: string;
    payload: EventPayloads[K];
  };
}[T];

/**
 * A logged event as the server keeps it: with `candidateSeq`, the candidate's own numbering of the
 * events they may see (1, 2, 3... without gaps; null for the others). Clients never get this field:
 * `eventFor` sends a candidate `candidateSeq` as `seq`, and staff the `seq`.
 */
export type LoggedEvent = SessionEvent & { candidateSeq: number | null };

/** Narrows an event (or anything carrying one's type, such as a timed event) to one type. */
export function isEvent<E extends { type: EventType }, T extends EventType>(
  event: E,
  type: T,
): event is Extract<E, { type: T }> {
  return event.type === type;
}
