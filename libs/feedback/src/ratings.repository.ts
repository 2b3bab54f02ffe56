import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { Rating } from './entities/rating.entity';

/** Each submitted rating's figures as percentiles among the submitted ratings of its scenario. */
export interface RankedRating {
  sessionId: string;
  rubricMean: number | null;
  csat: number | null;
  /** cume_dist (0-1) among the scenario's submitted ratings: the share rated as well or worse. */
  rubricMeanShare: number | null;
  csatShare: number | null;
}

/** The figures of a rating that are ranked, and how each is counted. */
const RANKED = ['rubric_mean', 'csat'];

/** Ratings, read and written only here. */
@Injectable()
export class RatingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The session's rating row, made empty if missing, locked until the transaction ends. */
  async lockedDraft(
    manager: EntityManager,
    session: { id: string; candidateId: string; interviewerId: string; scenarioId: string },
  ): Promise<Rating> {
    await manager.query(
      `INSERT INTO ratings (session_id, candidate_id, rater_id, scenario_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (session_id) DO NOTHING`,
      [session.id, session.candidateId, session.interviewerId, session.scenarioId],
    );
    return manager.getRepository(Rating).findOneOrFail({
      where: { sessionId: session.id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  save(manager: EntityManager, rating: Rating): Promise<Rating> {
    return manager.getRepository(Rating).save(rating);
  }

  ofSession(sessionId: string, { submittedOnly }: { submittedOnly: boolean }): Promise<Rating[]> {
    return this.dataSource.getRepository(Rating).find({
      where: { sessionId, ...(submittedOnly ? { submittedAt: Not(IsNull()) } : {}) },
    });
  }

  /** The submitted ratings of these sessions, oldest first. */
  submittedOf(sessionIds: string[]): Promise<Rating[]> {
    return this.dataSource.getRepository(Rating).find({
      where: { sessionId: In(sessionIds), submittedAt: Not(IsNull()) },
      order: { submittedAt: 'ASC' },
    });
  }

  hasSubmitted(raterId: string, candidateId: string): Promise<boolean> {
    return this.dataSource
      .getRepository(Rating)
      .existsBy({ raterId, candidateId, submittedAt: Not(IsNull()) });
  }

  /**
   * The submitted ratings of these candidates, each figure with the share of the scenario's
   * submitted ratings that scored as well or worse (cume_dist, counted with FILTER for the few
   * ratings asked for instead of sorting every rating of the scenario).
   */
  async ranked(candidateIds: string[]): Promise<RankedRating[]> {
    const share = (column: string) =>
      `CASE WHEN m.${column} IS NULL THEN NULL
       ELSE count(*) FILTER (WHERE b.${column} <= m.${column})::float8 / count(b.${column}) END`;
    const rows = await this.dataSource.query<Array<Record<string, number | string | null>>>(
      `WITH base AS (
         SELECT session_id, candidate_id, scenario_id, ${RANKED.join(', ')} FROM ratings
         WHERE submitted_at IS NOT NULL
           AND scenario_id IN (SELECT scenario_id FROM ratings WHERE candidate_id = ANY($1::uuid[]))
       )
       SELECT m.session_id, m.rubric_mean, m.csat,
              ${share('rubric_mean')} AS rubric_mean_share, ${share('csat')} AS csat_share
       FROM base m JOIN base b ON b.scenario_id = m.scenario_id
       WHERE m.candidate_id = ANY($1::uuid[])
       GROUP BY m.session_id, m.rubric_mean, m.csat`,
      [candidateIds],
    );
    const number = (value: number | string | null) => (value === null ? null : Number(value));
    return rows.map((row) => ({
      sessionId: String(row.session_id),
      rubricMean: number(row.rubric_mean),
      csat: number(row.csat),
      rubricMeanShare: number(row.rubric_mean_share),
      csatShare: number(row.csat_share),
    }));
  }
}
