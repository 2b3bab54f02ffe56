import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { seesEverything, type Principal } from '@hotseat/identity';
import { SqlWhere } from '@hotseat/database';
import { olderThan, type PageRequest } from '@hotseat/validation';

/** A candidate as lists and pages show them. */
export interface CandidateRow {
  id: string;
  name: string;
  email: string;
  createdAt: Date;
  /** created_at as PostgreSQL's text: the page cursor. */
  position: string;
  openingId: string | null;
  openingTitle: string | null;
}

const COLUMNS = `c.id, c.name, c.email, c.created_at AS "createdAt", c.created_at::text AS position,
  c.opening_id AS "openingId", o.title AS "openingTitle"`;

/**
 * The hiring pipeline's candidates, read with the caller's access in the WHERE: managers and admins
 * see every candidate; an interviewer those they added or interview (candidate_interviewers); guests
 * none.
 */
@Injectable()
export class CandidatesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(candidate: {
    name: string;
    email: string;
    openingId: string | null;
    createdById: string;
  }): Promise<string> {
    const [{ id }] = await this.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO candidates (name, email, opening_id, created_by_id) VALUES ($1, $2, $3, $4)
       RETURNING id`,
      [candidate.name, candidate.email, candidate.openingId, candidate.createdById],
    );
    return id;
  }

  /** Newest first, `limit + 1` rows from the cursor on (the extra one says there is more). */
  async page(
    principal: Principal,
    { openingId, ids }: { openingId?: string; ids?: string[] },
    { limit, cursor }: Required<Pick<PageRequest, 'limit'>> & PageRequest,
  ): Promise<CandidateRow[]> {
    const where = candidateAccess(principal);
    if (openingId) where.add(`c.opening_id = $?`, openingId);
    if (ids) where.add(`c.id = ANY($?::uuid[])`, ids);
    if (cursor) where.add(...olderThan(cursor, 'c.'));
    return this.dataSource.query<CandidateRow[]>(
      `SELECT ${COLUMNS} FROM candidates c LEFT JOIN openings o ON o.id = c.opening_id
       WHERE ${where.sql} ORDER BY c.created_at DESC, c.id DESC LIMIT ${limit + 1}`,
      where.values,
    );
  }

  async find(principal: Principal, id: string): Promise<CandidateRow | undefined> {
    const where = candidateAccess(principal);
    where.add('c.id = $?', id);
    const [row] = await this.dataSource.query<CandidateRow[]>(
      `SELECT ${COLUMNS} FROM candidates c LEFT JOIN openings o ON o.id = c.opening_id
       WHERE ${where.sql}`,
      where.values,
    );
    return row;
  }

  /** Names by id, for features that have checked access already. */
  async names(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.dataSource.query<Array<{ id: string; name: string }>>(
      `SELECT id, name FROM candidates WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** An opening's candidates, oldest first. */
  async ofOpening(openingId: string): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM candidates WHERE opening_id = $1 ORDER BY created_at, id`,
      [openingId],
    );
    return rows.map((row) => row.id);
  }

  /** Records that `interviewerId` interviews the candidate, inside the caller's transaction. */
  /** Locks the candidate's row until `manager`'s transaction ends: one decision about them at a time. */
  async lock(candidateId: string, manager: EntityManager): Promise<void> {
    await manager.query('SELECT 1 FROM candidates WHERE id = $1 FOR UPDATE', [candidateId]);
  }

  async assignInterviewer(
    candidateId: string,
    interviewerId: string,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO candidate_interviewers (candidate_id, interviewer_id) VALUES ($1, $2)
       ON CONFLICT DO NOTHING`,
      [candidateId, interviewerId],
    );
  }
}

/** Who may see which candidates, as the start of a WHERE clause on `candidates c`. */
function candidateAccess(principal: Principal): SqlWhere {
  const where = new SqlWhere();
  if (principal.kind === 'guest') where.add('FALSE');
  else if (!seesEverything(principal)) {
    where.add(
      `(c.created_by_id = $? OR EXISTS (SELECT 1 FROM candidate_interviewers ci
         WHERE ci.candidate_id = c.id AND ci.interviewer_id = $?))`,
      principal.user.id,
      principal.user.id,
    );
  }
  return where;
}
