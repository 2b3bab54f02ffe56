import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SqlWhere } from '@hotseat/database';
import type { ScoreWeights } from '@hotseat/metrics';
import { olderThan } from '@hotseat/validation';

export interface OpeningRow {
  id: string;
  title: string;
  scenarioIds: string[];
  weights: ScoreWeights | null;
  createdAt: Date;
  /** created_at as PostgreSQL's text: the page cursor. */
  position: string;
}

const COLUMNS = `id, title, scenario_ids AS "scenarioIds", weights, created_at AS "createdAt",
  created_at::text AS position`;

/** Openings; every staff member may read them all, so there is no access rule to apply here. */
@Injectable()
export class OpeningsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(opening: {
    title: string;
    scenarioIds: string[];
    weights: ScoreWeights | null;
    createdById: string;
  }): Promise<string> {
    const [{ id }] = await this.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO openings (title, scenario_ids, weights, created_by_id) VALUES ($1, $2, $3, $4)
       RETURNING id`,
      [opening.title, opening.scenarioIds, opening.weights, opening.createdById],
    );
    return id;
  }

  async update(
    id: string,
    change: { title?: string; scenarioIds?: string[]; weights?: ScoreWeights },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE openings SET title = COALESCE($2, title), scenario_ids = COALESCE($3, scenario_ids),
         weights = COALESCE($4, weights) WHERE id = $1`,
      [id, change.title ?? null, change.scenarioIds ?? null, change.weights ?? null],
    );
  }

  async find(id: string): Promise<OpeningRow | undefined> {
    const [row] = await this.dataSource.query<OpeningRow[]>(
      `SELECT ${COLUMNS} FROM openings WHERE id = $1`,
      [id],
    );
    return row;
  }

  /** Newest first, `limit + 1` rows from the cursor on (the extra one says there is more). */
  async page(limit: number, cursor?: string): Promise<OpeningRow[]> {
    const where = new SqlWhere();
    if (cursor) where.add(...olderThan(cursor));
    return this.dataSource.query<OpeningRow[]>(
      `SELECT ${COLUMNS} FROM openings WHERE ${where.sql}
       ORDER BY created_at DESC, id DESC LIMIT ${limit + 1}`,
      where.values,
    );
  }
}
