import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SqlWhere } from '@hotseat/database';
import type { SessionMode, SessionState, SessionStatus } from '@hotseat/events';
import { seesEverything, type Principal } from '@hotseat/identity';
import { olderThan, type PageRequest } from '@hotseat/validation';

/** A session's row: its state columns (moved only by its events) and what it was created with. */
export interface SessionRow extends SessionState {
  id: string;
  /** Null only for a practice session staff made without a candidate. */
  candidateId: string | null;
  mode: SessionMode;
  scenarioId: string;
  scenarioVersionId: string;
  interviewerId: string;
  createdAt: Date;
  /** created_at as PostgreSQL's text: the page cursor. */
  position: string;
}

const COLUMNS = `s.id, s.status, s.mode, s.candidate_id AS "candidateId", s.scenario_id AS "scenarioId",
  s.scenario_version_id AS "scenarioVersionId", s.interviewer_id AS "interviewerId",
  s.created_at AS "createdAt", s.started_at AS "startedAt", s.ends_at AS "endsAt",
  s.solved_at AS "solvedAt", s.ended_at AS "endedAt", s.cancelled_at AS "cancelledAt",
  s.created_at::text AS position`;

/**
 * Who may see which role-plays, as the start of a WHERE clause on `roleplay_sessions s`: managers
 * and admins all of them; an interviewer the ones they run; a candidate their own; a shadow host none.
 */
function visibleTo(principal: Principal): SqlWhere {
  const where = new SqlWhere();
  if (principal.kind === 'guest') {
    if (principal.link.scope === 'candidate') where.add('s.id = $?', principal.link.subjectId);
    else where.add('FALSE');
  } else if (!seesEverything(principal)) {
    where.add('s.interviewer_id = $?', principal.user.id);
  }
  return where;
}

/** The role-play's own table; the log's is EventLog's. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    session: Pick<
      SessionRow,
      'candidateId' | 'mode' | 'scenarioId' | 'scenarioVersionId' | 'interviewerId'
    >,
    manager: EntityManager,
  ): Promise<string> {
    const [{ id }] = await manager.query<Array<{ id: string }>>(
      `INSERT INTO roleplay_sessions (candidate_id, mode, scenario_id, scenario_version_id, interviewer_id)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [
        session.candidateId,
        session.mode,
        session.scenarioId,
        session.scenarioVersionId,
        session.interviewerId,
      ],
    );
    return id;
  }

  /** The session, if `principal` may see it. */
  async find(principal: Principal, id: string): Promise<SessionRow | undefined> {
    const where = visibleTo(principal).add('s.id = $?', id);
    const [row] = await this.dataSource.query<SessionRow[]>(
      `SELECT ${COLUMNS} FROM roleplay_sessions s WHERE ${where.sql}`,
      where.values,
    );
    return row;
  }

  /** Of these sessions, the ids of those `principal` may see. */
  async visibleAmong(principal: Principal, ids: string[]): Promise<Set<string>> {
    const where = visibleTo(principal).add('s.id = ANY($?::uuid[])', ids);
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT s.id FROM roleplay_sessions s WHERE ${where.sql}`,
      where.values,
    );
    return new Set(rows.map((row) => row.id));
  }

  /** Sessions by id, for work that follows the log rather than a reader (storing figures). */
  byIds(ids: string[]): Promise<SessionRow[]> {
    return this.dataSource.query<SessionRow[]>(
      `SELECT ${COLUMNS} FROM roleplay_sessions s WHERE s.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** What `principal` may see, newest first, `limit + 1` rows from the cursor on. */
  async page(
    principal: Principal,
    statuses: readonly SessionStatus[] | undefined,
    { limit, cursor }: Required<Pick<PageRequest, 'limit'>> & PageRequest,
  ): Promise<SessionRow[]> {
    const where = visibleTo(principal);
    if (statuses) where.add('s.status = ANY($?::text[])', statuses);
    if (cursor) where.add(...olderThan(cursor, 's.'));
    return this.dataSource.query<SessionRow[]>(
      `SELECT ${COLUMNS} FROM roleplay_sessions s WHERE ${where.sql}
       ORDER BY s.created_at DESC, s.id DESC LIMIT ${limit + 1}`,
      where.values,
    );
  }

  /**
   * Every live-mode session of these candidates, oldest first (the scorecards check access to the
   * candidates): practice never counts.
   */
  ofCandidates(candidateIds: string[]): Promise<SessionRow[]> {
    return this.dataSource.query<SessionRow[]>(
      `SELECT ${COLUMNS} FROM roleplay_sessions s
       WHERE s.candidate_id = ANY($1::uuid[]) AND s.mode = 'live'
       ORDER BY s.created_at, s.id`,
      [candidateIds],
    );
  }

  /** Ended live-mode sessions by id, `limit` at a time after `afterId`: what has figures to keep. */
  ended(afterId: string | null, limit: number): Promise<SessionRow[]> {
    return this.dataSource.query<SessionRow[]>(
      `SELECT ${COLUMNS} FROM roleplay_sessions s
       WHERE s.status = 'ended' AND s.mode = 'live' AND ($1::uuid IS NULL OR s.id > $1)
       ORDER BY s.id LIMIT $2`,
      [afterId, limit],
    );
  }

  /** This candidate's practice sessions, made by staff or from their link, oldest first. */
  practices(
    candidateId: string,
    manager: EntityManager,
  ): Promise<Array<{ id: string; status: SessionStatus }>> {
    return manager.query(
      `SELECT id, status FROM roleplay_sessions WHERE candidate_id = $1 AND mode = 'practice'
       ORDER BY created_at, id`,
      [candidateId],
    );
  }

  /** The ids of live sessions whose time limit has passed. */
  async overdue(): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM roleplay_sessions WHERE status = 'live' AND ends_at <= clock_timestamp()`,
    );
    return rows.map((row) => row.id);
  }
}
