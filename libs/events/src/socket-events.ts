import type { AttentionKind, DeskInputValue, ProductReport, SessionEvent } from './vocabulary';

/**
 * The /roleplay Socket.IO contract (docs/protocol.md), typed once for the gateway and every client.
 * Socket.IO's typed events take these maps: `Server<ClientToServerEvents, ServerToClientEvents>`
 * on the server, `Socket<ServerToClientEvents, ClientToServerEvents>` in a client.
 */

export interface Presence {
  candidate: boolean;
  interviewer: boolean;
}

export interface TypingNotice {
  actor: 'customer' | 'candidate';
  typing: boolean;
}

/** What the server sends: events the recipient may see, after their commit; typing and presence. */
export interface ServerToClientEvents {
  event: (event: SessionEvent) => void;
  typing: (typing: TypingNotice) => void;
  presence: (presence: Presence) => void;
}

export interface AckError {
  code: string;
  message: string;
  /** The payload field at fault, for `invalid`. */
  field?: string;
}

/** Every answer: `{ ok: true, ... }` or `{ ok: false, error }`; nothing fails silently. */
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: AckError };

/** An action's answer: the event it logged (or, on a retry, logged first), as the sender may see it. */
export type ActionAck<T extends object = object> = Ack<{ event?: SessionEvent } & T>;

export interface ActionPayload {
  /** A UUID made once per action and reused when retrying it. */
  clientId: string;
}
export interface ChatSendPayload extends ActionPayload {
  text: string;
  /** The script beat the line comes from: its anger change is applied with it, unless `applyAnger` is false. */
  beatId?: string;
  applyAnger?: boolean;
}
export interface AngerSetPayload extends ActionPayload {
  level: number;
}
export interface CheckpointHitPayload extends ActionPayload {
  checkpointId: string;
}
/** `checkpoint:clear` unticks a checkpoint met by hand or by the desk. */
export type CheckpointClearPayload = CheckpointHitPayload;
export interface NoteAddPayload extends ActionPayload {
  text: string;
}
export interface SessionEndPayload extends ActionPayload {
  reason?: string;
}
export interface HelpSearchPayload extends ActionPayload {
  query: string;
}
export interface HelpArticlePayload extends ActionPayload {
  articleId: string;
}
export interface AttentionPayload extends ActionPayload {
  kind: AttentionKind;
}
export interface DeskViewPayload extends ActionPayload {
  recordId: string;
}
export interface DeskActPayload extends ActionPayload {
  actionId: string;
  /** By input id: row ids for a rows input, a number for money, text for choice and text. */
  input: Record<string, DeskInputValue>;
}
export interface DeskEmailPayload extends ActionPayload {
  subject: string;
  body: string;
}
export interface DeskReportPayload extends ActionPayload, ProductReport {}
export interface TypingPayload {
  typing: boolean;
}
export interface SyncPayload {
  afterSeq: number;
}

export interface SearchResult {
  articleId: string;
  title: string;
  /** Escaped HTML with each match in <mark>. */
  snippet: string;
}

export interface OpenedArticle {
  id: string;
  title: string;
  /** Sanitized HTML. */
  html: string;
}

/** A desk action's input, as the candidate's form shows it (docs/scenario-format.md, "The agent desk"). */
export interface DeskInput {
  id: string;
  label: string;
  type: 'rows' | 'money' | 'choice' | 'text';
  /** `rows`: how many rows the candidate picks. */
  pick?: 'one' | 'many';
  /** `money`: the largest amount. */
  max?: number;
  /** `choice`: the options. */
  options?: string[];
  /** `text`: the longest answer. */
  maxLength?: number;
  optional: boolean;
}

/** A desk action as the candidate's room is given it: its form, never its effects. */
export interface CandidateDeskAction {
  id: string;
  label: string;
  record?: string;
  inputs: DeskInput[];
}

/** What the candidate's room is given of the desk (its room data): never the rules or the mistakes. */
export interface CandidateDesk {
  records: Array<{ id: string; title: string }>;
  actions: CandidateDeskAction[];
}

/** A desk record as the candidate sees it now: a single record's fields, or a table's rows. */
export type RecordView =
  | { id: string; title: string; fields: Array<{ label: string; value: string }> }
  | {
      id: string;
      title: string;
      columns: Array<{ key: string; label: string }>;
      rows: Array<{ id: string; cells: Record<string, string> }>;
    };

export interface SyncAnswer {
  events: SessionEvent[];
  /** The last seq this answer covers: the next `sync` continues after it. */
  lastSeq: number;
  more: boolean;
}

type Handler<P, A> = (payload: P, ack: (answer: A) => void) => void;

/** What a client may send, each with its acknowledgement. */
export interface ClientToServerEvents {
  'session:start': Handler<ActionPayload, ActionAck>;
  'chat:send': Handler<ChatSendPayload, ActionAck>;
  typing: Handler<TypingPayload, Ack>;
  'anger:set': Handler<AngerSetPayload, ActionAck>;
  'checkpoint:hit': Handler<CheckpointHitPayload, ActionAck>;
  'checkpoint:clear': Handler<CheckpointClearPayload, ActionAck>;
  'note:add': Handler<NoteAddPayload, ActionAck>;
  'session:solve': Handler<ActionPayload, ActionAck>;
  'session:end': Handler<SessionEndPayload, ActionAck>;
  'help:search': Handler<HelpSearchPayload, ActionAck<{ results: SearchResult[] }>>;
  'help:open': Handler<HelpArticlePayload, ActionAck<{ article: OpenedArticle }>>;
  'help:close': Handler<HelpArticlePayload, ActionAck>;
  'desk:view': Handler<DeskViewPayload, ActionAck<{ record: RecordView }>>;
  /** `records`: the records the action changed, as they are now. */
  'desk:act': Handler<DeskActPayload, ActionAck<{ records: RecordView[] }>>;
  'desk:email': Handler<DeskEmailPayload, ActionAck>;
  'desk:report': Handler<DeskReportPayload, ActionAck>;
  attention: Handler<AttentionPayload, ActionAck>;
  sync: Handler<SyncPayload, Ack<SyncAnswer>>;
}

export type ClientEventName = keyof ClientToServerEvents;
/** The payload of a client event, without the clientId an action adds itself. */
export type ClientPayload<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];
export type ClientAnswer<E extends ClientEventName> = Parameters<
  Parameters<ClientToServerEvents[E]>[1]
>[0];
