import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  candidateSees,
  STATE_CHANGES,
  stateChanges,
  type EventPayloads,
  type EventType,
  type LoggedEvent,
  type NewEvent,
  type RoleplayRole,
  type SessionEvent,
  type SessionState,
  type SessionStatus,
} from '@hotseat/events';
import { ActionRefused } from './roleplay.errors';

/** A session's state as an action sees it: read under the session's lock, so it cannot change meanwhile. */
export interface LockedSession {
  id: string;
  status: SessionStatus;
  scenarioVersionId: string;
  /** Null only for a practice session made without a candidate. */
  candidateId: string | null;
  solved: boolean;
  /** The seq of the session's latest event: what an append logs comes right after it. */
  lastSeq: number;
  /** The candidate_seq of the latest event the candidate may see. */
  lastCandidateSeq: number;
  /** The time limit has passed (by the database's clock); the sweep is about to end the session. */
  timeUp: boolean;
}

/**
 * An action's idempotency key (docs/protocol.md): its clientId, scoped to the side that sent it, so
 * one side can never read the other's events by reusing its clientId; and the action with its
 * payload, so that a retry is told from a reused clientId.
 */
export interface ClientRequest {
  clientId: string;
  role: RoleplayRole;
  /** SHA-256 of the action's name and payload (without the clientId). */
  fingerprint: string;
}

export function clientRequest(
  role: RoleplayRole,
  action: string,
  { clientId, ...payload }: { clientId: string },
): ClientRequest {
  const fingerprint = createHash('sha256')
    .update(`${action}\n${canonicalJson(payload)}`)
    .digest('hex');
  return { clientId, role, fingerprint };
}

/** JSON with every object's keys sorted: the same payload gives the same text, whatever its key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Decides what an action appends, or throws (ActionRefused, or an HTTP error); may read more through `manager`. */
export type Decision = (session: LockedSession, manager: EntityManager) => Promise<NewEvent[]>;

export interface Appended {
  events: LoggedEvent[];
  /** The same request was seen before: `events` is what that first attempt logged, nothing new was. */
  duplicate: boolean;
}

/** What an append committed, as told to the log's subscribers. */
export interface Committed extends Appended {
  sessionId: string;
}

/** Work that follows a commit: relaying it to the session's sockets, storing a session's figures... */
export type CommitSubscriber = (committed: Committed) => void | Promise<void>;

interface EventRow {
  sessionId: string;
  seq: number;
  candidateSeq: number | null;
  type: string;
  actor: string;
  at: Date;
  payload: Record<string, unknown>;
}

const EVENT_COLUMNS =
  'session_id AS "sessionId", seq, candidate_seq AS "candidateSeq", type, actor, at, payload';

/** The roleplay_sessions column of each state field. */
const STATE_COLUMNS: Record<keyof SessionState, string> = {
  status: 'status',
  startedAt: 'started_at',
  endsAt: 'ends_at',
  solvedAt: 'solved_at',
  endedAt: 'ended_at',
  cancelledAt: 'cancelled_at',
};

/**
 * The one way events enter a session's log, and the one place that tells what was committed. Every
 * append holds the session's row lock until it commits, so appends to one session run one at a time:
 * seq is last_seq + 1 (gapless, strictly increasing), `at` is taken under the lock (it never goes
 * backwards as seq goes up), and the state columns move with the events. Different sessions never
 * wait for each other. After the commit, every subscriber hears of it before the append returns, so
 * an action's acknowledgement follows its broadcast.
 */
@Injectable()
export class EventLog {
  private readonly logger = new Logger('EventLog');
  private readonly subscribers: CommitSubscriber[] = [];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Hears of every append after its commit, and of every retry (with the original events). */
  subscribe(subscriber: CommitSubscriber): () => void {
    this.subscribers.push(subscriber);
    return () => this.subscribers.splice(this.subscribers.indexOf(subscriber), 1);
  }

  /**
   * Appends one event that needs nothing but a live session and moves no state (chat, anger, notes,
   * help center...): the hot path, one statement and one round trip. When it cannot (the session is
   * not live, or the key was seen before) `append` runs the whole decision to answer exactly why.
   */
  async appendWhileLive(
    sessionId: string,
    request: ClientRequest,
    event: NewEvent,
  ): Promise<Appended> {
    if (STATE_CHANGES[event.type]) {
      throw new Error(`${event.type} moves the session's state: append it with append()`);
    }
    try {
      const inserted = await this.dataSource.query<EventRow[]>(
        `WITH next AS (
           UPDATE roleplay_sessions
           SET last_seq = last_seq + 1, last_candidate_seq = last_candidate_seq + $6::int
           WHERE id = $1 AND status = 'live' AND ends_at > clock_timestamp()
           RETURNING last_seq, last_candidate_seq
         )
         INSERT INTO session_events (session_id, seq, candidate_seq, type, actor, client_id,
                                     client_role, client_request, payload, at)
         SELECT $1, last_seq, CASE WHEN $6::int = 1 THEN last_candidate_seq END,
                $2, $3, $4, $7, $8, $5::jsonb, clock_timestamp()
         FROM next
         RETURNING ${EVENT_COLUMNS}`,
        [
          sessionId,
          event.type,
          event.actor,
          request.clientId,
          JSON.stringify(event.payload),
          candidateSees(event.type) ? 1 : 0,
          request.role,
          request.fingerprint,
        ],
      );
      if (inserted.length > 0) {
        return this.told(sessionId, { events: inserted.map(toEvent), duplicate: false });
      }
    } catch (error) {
      if (!isClientIdConflict(error)) throw error;
    }
    return this.append(sessionId, request, (session) => {
      requireLive(session);
      return Promise.resolve([event]);
    });
  }

  /** Appends what `decide` makes of the session's current state, in one transaction. */
  async append(
    sessionId: string,
    request: ClientRequest | null,
    decide: Decision,
  ): Promise<Appended> {
    return this.told(sessionId, await this.appendInTransaction(sessionId, request, decide));
  }

  /** The events after `afterSeq`, oldest first, at most `limit` (null: all). */
  async since(sessionId: string, afterSeq: number, limit: number | null): Promise<LoggedEvent[]> {
    const rows = await this.dataSource.query<EventRow[]>(
      `SELECT ${EVENT_COLUMNS} FROM session_events WHERE session_id = $1 AND seq > $2
       ORDER BY seq LIMIT $3`,
      [sessionId, afterSeq, limit],
    );
    return rows.map(toEvent);
  }

  /** The events a candidate may see after their `afterCandidateSeq`, in their numbering's order. */
  async candidateSince(
    sessionId: string,
    afterCandidateSeq: number,
    limit: number,
  ): Promise<LoggedEvent[]> {
    const rows = await this.dataSource.query<EventRow[]>(
      `SELECT ${EVENT_COLUMNS} FROM session_events WHERE session_id = $1 AND candidate_seq > $2
       ORDER BY candidate_seq LIMIT $3`,
      [sessionId, afterCandidateSeq, limit],
    );
    return rows.map(toEvent);
  }

  /**
   * The payloads of one type of event in a session, oldest first. Inside an append's decision, pass
   * its `manager`: that reads under the session's lock, so nothing can be appended meanwhile.
   */
  async payloadsOf<T extends EventType>(
    sessionId: string,
    type: T,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Array<EventPayloads[T]>> {
    const rows = await manager.query<Array<{ payload: EventPayloads[T] }>>(
      `SELECT payload FROM session_events WHERE session_id = $1 AND type = $2 ORDER BY seq`,
      [sessionId, type],
    );
    return rows.map((row) => row.payload);
  }

  /** The whole logs of several sessions, read in one query. */
  async ofSessions(sessionIds: string[]): Promise<Map<string, SessionEvent[]>> {
    const rows = await this.dataSource.query<EventRow[]>(
      `SELECT ${EVENT_COLUMNS} FROM session_events WHERE session_id = ANY($1::uuid[])
       ORDER BY session_id, seq`,
      [sessionIds],
    );
    const logs = new Map(sessionIds.map((id) => [id, [] as SessionEvent[]]));
    for (const row of rows) logs.get(row.sessionId)!.push(toEvent(row));
    return logs;
  }

  private async appendInTransaction(
    sessionId: string,
    request: ClientRequest | null,
    decide: Decision,
  ): Promise<Appended> {
    return this.dataSource.transaction(async (manager) => {
      const [session] = await manager.query<LockedSession[]>(
        `SELECT id, status, scenario_version_id AS "scenarioVersionId", candidate_id AS "candidateId",
                last_seq AS "lastSeq", last_candidate_seq AS "lastCandidateSeq",
                solved_at IS NOT NULL AS solved,
                COALESCE(ends_at <= clock_timestamp(), false) AS "timeUp"
         FROM roleplay_sessions WHERE id = $1 FOR NO KEY UPDATE`,
        [sessionId],
      );
      if (!session) throw new ActionRefused('not-found', 'There is no role-play with this id.');
      // A statement that waited for the lock reads the log with the snapshot it took before waiting;
      // this next statement sees every commit before ours.
      if (request) {
        const [original] = await manager.query<Array<EventRow & { clientRequest: string | null }>>(
          `SELECT ${EVENT_COLUMNS}, client_request AS "clientRequest" FROM session_events
           WHERE session_id = $1 AND client_role = $2 AND client_id = $3`,
          [sessionId, request.role, request.clientId],
        );
        if (original) {
          // Events logged before keys held a fingerprint have none: their retries still count.
          if (original.clientRequest !== null && original.clientRequest !== request.fingerprint) {
            throw new ActionRefused(
              'invalid',
              'This clientId was already used for a different action: use a new UUID for each action, and the same one only to retry that exact action.',
              'clientId',
            );
          }
          return { events: [toEvent(original)], duplicate: true };
        }
      }

      const fresh = await decide(session, manager);
      if (fresh.length === 0) return { events: [], duplicate: false };
      const values: unknown[] = [sessionId];
      let candidateSeq = session.lastCandidateSeq;
      const tuples = fresh.map((event, index) => {
        const seen = candidateSees(event.type) ? ++candidateSeq : null;
        // The key goes with the first event: the one a retry is answered with.
        const key = index === 0 ? request : null;
        values.push(session.lastSeq + index + 1, seen, event.type, event.actor);
        values.push(key?.clientId ?? null, key?.role ?? null, key?.fingerprint ?? null);
        values.push(JSON.stringify(event.payload));
        const p = values.length;
        return `($1, $${p - 7}, $${p - 6}::int, $${p - 5}, $${p - 4}, $${p - 3}::uuid, $${p - 2}, $${p - 1}, $${p}::jsonb, clock_timestamp())`;
      });
      const inserted = (
        await manager.query<EventRow[]>(
          `INSERT INTO session_events (session_id, seq, candidate_seq, type, actor, client_id,
                                       client_role, client_request, payload, at)
           VALUES ${tuples.join(', ')} RETURNING ${EVENT_COLUMNS}`,
          values,
        )
      ).map(toEvent);
      await this.moveState(manager, sessionId, inserted, candidateSeq);
      return { events: inserted, duplicate: false };
    });
  }

  /** last_seq, last_candidate_seq and the state columns, moved to where the events just logged bring them. */
  private async moveState(
    manager: EntityManager,
    sessionId: string,
    events: SessionEvent[],
    lastCandidateSeq: number,
  ) {
    const changes = Object.entries(stateChanges(events)) as Array<[keyof SessionState, unknown]>;
    const sets = changes.map(([field], index) => `${STATE_COLUMNS[field]} = $${index + 4}`);
    await manager.query(
      `UPDATE roleplay_sessions SET ${['last_seq = $2', 'last_candidate_seq = $3', ...sets].join(', ')}
       WHERE id = $1`,
      [sessionId, events.at(-1)!.seq, lastCandidateSeq, ...changes.map(([, value]) => value)],
    );
  }

  /** Tells every subscriber what was committed; one that fails is logged and the others go on. */
  private async told(sessionId: string, appended: Appended): Promise<Appended> {
    if (appended.events.length === 0) return appended;
    for (const subscriber of this.subscribers) {
      try {
        await subscriber({ sessionId, ...appended });
      } catch (error) {
        this.logger.error({ err: error, sessionId }, 'A subscriber of the event log failed');
      }
    }
    return appended;
  }
}

/** Refuses every action on a session that is not live: not started, over, or out of time. */
export function requireLive(session: LockedSession): void {
  requireNotOver(session);
  if (session.status === 'scheduled') {
    throw new ActionRefused('not-started', 'The role-play has not started yet.');
  }
  if (session.timeUp) throw new ActionRefused('time-up', 'Time is up for this role-play.');
}

export function requireNotOver(session: LockedSession): void {
  if (session.status === 'ended') {
    throw new ActionRefused('session-ended', 'This role-play has ended.');
  }
  if (session.status === 'cancelled') {
    throw new ActionRefused('session-cancelled', 'This role-play was cancelled.');
  }
}

function isClientIdConflict(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } })
    .driverError;
  return driverError?.code === '23505' && driverError.constraint === 'session_events_client_key';
}

/** A row as the vocabulary types it: the log holds only what the vocabulary allowed in. */
function toEvent({ seq, candidateSeq, type, actor, at, payload }: EventRow): LoggedEvent {
  // row_to_json gives `at` as text without the zone normalised; Date makes both forms ISO 8601.
  const at_ = new Date(at).toISOString();
  return { seq, candidateSeq, type, actor, at: at_, payload } as LoggedEvent;
}
