export {
  EVENT,
  EVENT_TYPES,
  ATTENTION_EVENTS,
  ATTENTION_KINDS,
  REPORT_FIELDS,
  isEvent,
  type Actor,
  type AttentionKind,
  type DeskInputValue,
  type FactMention,
  type ProductReport,
  type ReportField,
  type EventPayloads,
  type EventType,
  type LoggedEvent,
  type NewEvent,
  type RoleplayRole,
  type SessionEvent,
} from './vocabulary';
export { eventFor, candidateSees } from './visibility';
export {
  SESSION_MODES,
  SESSION_STATUSES,
  SCHEDULED,
  checkpointsMet,
  STATE_CHANGES,
  sessionState,
  stateChanges,
  type SessionMode,
  type SessionState,
  type SessionStatus,
} from './session-state';
export {
  deskInputText,
  deskValue,
  presenter,
  type Audience,
  type DeskFormInput,
  type Line,
  type LineKind,
  type PresenterContext,
} from './presenter';
export { duration, replayClock, sinceStart, stopwatch } from './time';
export { LINK_NO_LONGER_VALID } from './refusals';
export type * from './socket-events';
export type { Debrief } from './debrief';
