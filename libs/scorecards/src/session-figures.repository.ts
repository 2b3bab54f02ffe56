import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { METRICS_VERSION, type SessionMetrics } from '@hotseat/metrics';
import { RANKED_SESSIONS_SQL } from './ranked-figures';

/** session_figures: the stored figures of ended sessions, read and written only here. */
@Injectable()
export class SessionFiguresRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** An instance never overwrites figures that a newer instance (a newer METRICS_VERSION) stored. */
  async store(
    session: { id: string; candidateId: string; scenarioId: string },
    figures: SessionMetrics,
  ): Promise<void> {
    const checkpoints = figures.checkpoints.hit.length + figures.checkpoints.missed.length;
    await this.dataSource.query(
      `INSERT INTO session_figures (session_id, candidate_id, scenario_id, version, figures,
         time_to_solution_ms, first_response_ms, median_response_ms, time_to_calm_ms, checkpoints_hit,
         time_to_required_checkpoints_ms, time_to_first_action_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (session_id) DO UPDATE SET
         version = EXCLUDED.version, figures = EXCLUDED.figures,
         time_to_solution_ms = EXCLUDED.time_to_solution_ms,
         first_response_ms = EXCLUDED.first_response_ms,
         median_response_ms = EXCLUDED.median_response_ms,
         time_to_calm_ms = EXCLUDED.time_to_calm_ms,
         checkpoints_hit = EXCLUDED.checkpoints_hit,
         time_to_required_checkpoints_ms = EXCLUDED.time_to_required_checkpoints_ms,
         time_to_first_action_ms = EXCLUDED.time_to_first_action_ms, computed_at = now()
       WHERE session_figures.version <= EXCLUDED.version`,
      [
        session.id,
        session.candidateId,
        session.scenarioId,
        figures.version,
        figures,
        figures.timeToSolutionMs,
        figures.firstResponseMs,
        figures.medianResponseMs,
        figures.deEscalation.timeToCalmMs,
        checkpoints === 0 ? 1 : figures.checkpoints.hit.length / checkpoints,
        figures.timeToRequiredCheckpointsMs,
        figures.timeToFirstActionMs,
      ],
    );
  }

  /** Of these sessions, those without figures of the current METRICS_VERSION (or a newer one). */
  async lacking(sessionIds: string[]): Promise<Set<string>> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM unnest($1::uuid[]) AS id
       WHERE NOT EXISTS (SELECT 1 FROM session_figures f WHERE f.session_id = id AND f.version >= $2)`,
      [sessionIds, METRICS_VERSION],
    );
    return new Set(rows.map((row) => row.id));
  }

  /** The stored figures of these candidates' sessions, by session. */
  async ofCandidates(candidateIds: string[]): Promise<Map<string, SessionMetrics>> {
    const rows = await this.dataSource.query<Array<{ sessionId: string; figures: SessionMetrics }>>(
      `SELECT session_id AS "sessionId", figures FROM session_figures
       WHERE candidate_id = ANY($1::uuid[])`,
      [candidateIds],
    );
    return new Map(rows.map((row) => [row.sessionId, row.figures]));
  }

  /**
   * Fresh statistics for the ranking query's plan. After a new METRICS_VERSION every row is rewritten
   * with it, and until PostgreSQL analyzes the table again it believes almost no row has the current
   * version: the plan it then picks for RANKED_SESSIONS_SQL is some hundred times slower.
   */
  async analyze(): Promise<void> {
    await this.dataSource.query(`ANALYZE session_figures`);
  }

  /** RANKED_SESSIONS_SQL for these candidates: their sessions' figures, raw and as percentiles. */
  ranked(candidateIds: string[]): Promise<Array<Record<string, unknown>>> {
    return this.dataSource.query(RANKED_SESSIONS_SQL, [candidateIds, METRICS_VERSION]);
  }
}
