import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Subject } from 'rxjs';
import { DataSource, EntityManager } from 'typeorm';
import type { SessionStatus } from './entities/roleplay-session.entity';
import type { Actor, EventType, SessionEvent } from './events';
import { ActionRefused } from './roleplay.errors';

export interface NewEvent {
  type: EventType;
  actor: Actor;
  payload: Record<string, unknown>;
}

/** A session's state as an action sees it: read under the session's lock, so it cannot change meanwhile. */
export interface LockedSession {
  id: string;
  status: SessionStatus;
  scenarioVersionId: string;
  candidateId: string;
  solved: boolean;
  /** The time limit has passed (by the database's clock); the sweep is about to end the session. */
  timeUp: boolean;
}

/** Decides what an action appends, or throws ActionRefused; may read more through `manager`. */
export type Decision = (session: LockedSession, manager: EntityManager) => Promise<NewEvent[]>;

export interface Appended {
  events: SessionEvent[];
  /** The clientId was seen before: `events` is what that first attempt logged, nothing new was. */
  duplicate: boolean;
}

interface EventRow {
  seq: number;
  type: EventType;
  actor: Actor;
  at: Date;
  payload: Record<string, unknown>;
}

const EVENT_COLUMNS = 'seq, type, actor, at, payload';

/**
 * The one way events enter a session's log. Every append holds the session's row lock until it
 * commits, so appends to one session run one at a time: seq is last_seq + 1 (gapless, strictly
 * increasing), `at` is taken under the lock (it never goes backwards as seq goes up), and the state
 * columns move with the events. Different sessions never wait for each other. Callers broadcast only
 * after these resolve, i.e. after the commit.
 */
@Injectable()
export class EventLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends one event that needs nothing but a live session (chat, anger, notes, help center...):
   * the hot path, one statement and one round trip. When it cannot (the session is not live, or the
   * clientId was seen before) `append` runs the whole decision to answer exactly why.
   */
  async appendWhileLive(sessionId: string, clientId: string, event: NewEvent): Promise<Appended> {
    try {
      const inserted = await this.dataSource.query<EventRow[]>(
        `WITH next AS (
           UPDATE roleplay_sessions SET last_seq = last_seq + 1
           WHERE id = $1 AND status = 'live' AND ends_at > clock_timestamp()
           RETURNING last_seq
         )
         INSERT INTO session_events (session_id, seq, type, actor, client_id, payload, at)
         SELECT $1, last_seq, $2, $3, $4, $5::jsonb, clock_timestamp() FROM next
         RETURNING ${EVENT_COLUMNS}`,
        [sessionId, event.type, event.actor, clientId, JSON.stringify(event.payload)],
      );
      if (inserted.length > 0) return { events: inserted.map(toEvent), duplicate: false };
    } catch (error) {
      if (!isClientIdConflict(error)) throw error;
    }
    return this.append(sessionId, clientId, (session) => {
      requireLive(session);
      return Promise.resolve([event]);
    });
  }

  /**
   * The id of each session that ended, once its `session.ended` is committed (in this process), for
   * work that follows an ending, such as storing the session's figures.
   */
  readonly ended = new Subject<string>();

  /** Appends what `decide` makes of the session's current state, in one transaction. */
  async append(sessionId: string, clientId: string | null, decide: Decision): Promise<Appended> {
    const appended = await this.appendInTransaction(sessionId, clientId, decide);
    if (!appended.duplicate && appended.events.some((event) => event.type === 'session.ended')) {
      this.ended.next(sessionId);
    }
    return appended;
  }

  private async appendInTransaction(
    sessionId: string,
    clientId: string | null,
    decide: Decision,
  ): Promise<Appended> {
    return this.dataSource.transaction(async (manager) => {
      const [session] = await manager.query<Array<LockedSession & { lastSeq: number }>>(
        `SELECT id, status, scenario_version_id AS "scenarioVersionId", candidate_id AS "candidateId",
                last_seq AS "lastSeq", solved_at IS NOT NULL AS solved,
                COALESCE(ends_at <= clock_timestamp(), false) AS "timeUp"
         FROM roleplay_sessions WHERE id = $1 FOR NO KEY UPDATE`,
        [sessionId],
      );
      if (!session) throw new ActionRefused('not-found', 'There is no role-play with this id.');
      // A statement that waited for the lock reads the log with the snapshot it took before waiting;
      // this next statement sees every commit before ours.
      const [original] = await manager.query<EventRow[]>(
        `SELECT ${EVENT_COLUMNS} FROM session_events WHERE session_id = $1 AND client_id = $2`,
        [sessionId, clientId],
      );
      if (original) return { events: [toEvent(original)], duplicate: true };

      const fresh = await decide(session, manager);
      if (fresh.length === 0) return { events: [], duplicate: false };
      const values: unknown[] = [sessionId];
      const tuples = fresh.map((event, index) => {
        values.push(session.lastSeq + index + 1, event.type, event.actor);
        values.push(index === 0 ? clientId : null, JSON.stringify(event.payload));
        const p = values.length;
        return `($1, $${p - 4}, $${p - 3}, $${p - 2}, $${p - 1}::uuid, $${p}::jsonb, clock_timestamp())`;
      });
      const inserted = await manager.query<EventRow[]>(
        `INSERT INTO session_events (session_id, seq, type, actor, client_id, payload, at)
         VALUES ${tuples.join(', ')} RETURNING ${EVENT_COLUMNS}`,
        values,
      );
      await manager.query(`UPDATE roleplay_sessions SET last_seq = $2 WHERE id = $1`, [
        sessionId,
        inserted.at(-1)!.seq,
      ]);
      await this.moveState(manager, sessionId, inserted);
      return { events: inserted.map(toEvent), duplicate: false };
    });
  }

  /** The events after `afterSeq`, oldest first, at most `limit` (null: all). */
  async since(sessionId: string, afterSeq: number, limit: number | null): Promise<SessionEvent[]> {
    const rows = await this.dataSource.query<EventRow[]>(
      `SELECT ${EVENT_COLUMNS} FROM session_events WHERE session_id = $1 AND seq > $2
       ORDER BY seq LIMIT $3`,
      [sessionId, afterSeq, limit],
    );
    return rows.map(toEvent);
  }

  /** Keeps roleplay_sessions' state columns in step with the events just logged. */
  private async moveState(manager: EntityManager, sessionId: string, events: EventRow[]) {
    for (const event of events) {
      const change = STATE_CHANGES[event.type]?.(event);
      if (change) await manager.query(change.sql, [sessionId, event.at, ...change.more]);
    }
  }
}

/** The events that move a session's state, and how: `$1` is the session, `$2` the event's time. */
const STATE_CHANGES: Partial<
  Record<EventType, (event: EventRow) => { sql: string; more: unknown[] }>
> = {
  'session.started': (event) => ({
    sql: `UPDATE roleplay_sessions SET status = 'live', started_at = $2,
              ends_at = $2::timestamptz + make_interval(mins => $3) WHERE id = $1`,
    more: [event.payload.timeLimitMinutes],
  }),
  'session.solved': () => ({
    sql: `UPDATE roleplay_sessions SET solved_at = $2 WHERE id = $1`,
    more: [],
  }),
  'session.ended': () => ({
    sql: `UPDATE roleplay_sessions SET status = 'ended', ended_at = $2 WHERE id = $1`,
    more: [],
  }),
};

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
  return driverError?.code === '23505' && driverError.constraint === 'session_events_client_id';
}

function toEvent({ seq, type, actor, at, payload }: EventRow): SessionEvent {
  // row_to_json gives `at` as text without the zone normalised; Date makes both forms ISO 8601.
  return { seq, type, actor, at: new Date(at).toISOString(), payload };
}
