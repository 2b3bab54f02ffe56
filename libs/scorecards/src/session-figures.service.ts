import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  METRICS_VERSION,
  sessionMetrics,
  type ArticleText,
  type SessionMetrics,
} from '@hotseat/metrics';
import { EventLog, type RoleplaySession } from '@hotseat/roleplay';
import { ScenariosService } from '@hotseat/scenarios';

interface StaleFilter {
  candidateIds?: string[];
  sessionIds?: string[];
}

/** How many sessions one refresh computes before it reports progress and commits. */
const BATCH = 200;

/**
 * Computes a session's figures from its log, and keeps those of ended sessions in session_figures,
 * current with METRICS_VERSION, for comparisons to rank in SQL.
 */
@Injectable()
export class SessionFiguresService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SessionFigures');
  private endings?: Subscription;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly log: EventLog,
    private readonly scenarios: ScenariosService,
  ) {}

  /**
   * A session's figures are stored as it ends; those missing at start (after a new METRICS_VERSION,
   * or a crash right after an ending) are computed in the background.
   */
  onApplicationBootstrap(): void {
    this.endings = this.log.ended.subscribe((sessionId) =>
      this.refreshInBackground({ sessionIds: [sessionId] }),
    );
    this.refreshInBackground({});
  }

  onModuleDestroy(): void {
    this.endings?.unsubscribe();
  }

  private refreshInBackground(which: StaleFilter): void {
    this.refresh(which).catch((error: unknown) =>
      this.logger.error({ err: error }, 'Could not compute the figures of ended sessions'),
    );
  }

  /** The figures of any session, live or ended, from its log as it is now. */
  async compute(
    session: Pick<RoleplaySession, 'id' | 'scenarioVersionId'>,
  ): Promise<SessionMetrics> {
    const scenario = await this.scenarios.version(session.scenarioVersionId);
    const [events, articles] = await Promise.all([
      this.log.since(session.id, 0, null),
      this.dataSource.query<ArticleText[]>(
        `SELECT id, title, body_text AS text FROM help_articles WHERE id = ANY($1::text[])`,
        [scenario.helpCenter.articles],
      ),
    ]);
    return sessionMetrics(events, scenario, articles);
  }

  /**
   * Stores the figures of every ended session (of these candidates or sessions, if given) that has
   * none, or has some from an older METRICS_VERSION. Cheap when there is nothing to do: one query.
   */
  async refresh({ candidateIds, sessionIds }: StaleFilter): Promise<number> {
    let done = 0;
    const failed: string[] = [];
    for (;;) {
      const stale = await this.dataSource.query<
        Array<{
          id: string;
          candidate_id: string;
          scenario_id: string;
          scenario_version_id: string;
        }>
      >(
        `SELECT s.id, s.candidate_id, s.scenario_id, s.scenario_version_id
         FROM roleplay_sessions s
         LEFT JOIN session_figures f ON f.session_id = s.id
         WHERE s.status = 'ended' AND (f.session_id IS NULL OR f.version < $1)
           AND ($2::uuid[] IS NULL OR s.candidate_id = ANY($2::uuid[]))
           AND ($3::uuid[] IS NULL OR s.id = ANY($3::uuid[]))
           AND NOT (s.id = ANY($4::uuid[]))
         LIMIT ${BATCH}`,
        [METRICS_VERSION, candidateIds ?? null, sessionIds ?? null, failed],
      );
      if (stale.length === 0) break;
      for (const session of stale) {
        try {
          const figures = await this.compute({
            id: session.id,
            scenarioVersionId: session.scenario_version_id,
          });
          await this.store(session.id, session.candidate_id, session.scenario_id, figures);
        } catch (error) {
          // One session that cannot be computed must not hold back the others.
          failed.push(session.id);
          this.logger.error(
            { err: error, sessionId: session.id },
            "Could not compute a session's figures",
          );
        }
      }
      done += stale.length;
      if (stale.length === BATCH)
        this.logger.log(`Computed the figures of ${done} ended sessions so far`);
    }
    if (done > 0) this.logger.log(`Computed the figures of ${done} ended sessions`);
    return done;
  }

  /** An instance never overwrites figures that a newer instance (a newer METRICS_VERSION) stored. */
  private async store(
    sessionId: string,
    candidateId: string,
    scenarioId: string,
    figures: SessionMetrics,
  ): Promise<void> {
    const checkpoints = figures.checkpoints.hit.length + figures.checkpoints.missed.length;
    await this.dataSource.query(
      `INSERT INTO session_figures (session_id, candidate_id, scenario_id, version, figures,
         time_to_solution_ms, first_response_ms, median_response_ms, time_to_calm_ms, checkpoints_hit)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (session_id) DO UPDATE SET
         version = EXCLUDED.version, figures = EXCLUDED.figures,
         time_to_solution_ms = EXCLUDED.time_to_solution_ms,
         first_response_ms = EXCLUDED.first_response_ms,
         median_response_ms = EXCLUDED.median_response_ms,
         time_to_calm_ms = EXCLUDED.time_to_calm_ms,
         checkpoints_hit = EXCLUDED.checkpoints_hit, computed_at = now()
       WHERE session_figures.version <= EXCLUDED.version`,
      [
        sessionId,
        candidateId,
        scenarioId,
        figures.version,
        figures,
        figures.timeToSolutionMs,
        figures.firstResponseMs,
        figures.medianResponseMs,
        figures.deEscalation.timeToCalmMs,
        checkpoints === 0 ? 1 : figures.checkpoints.hit.length / checkpoints,
      ],
    );
  }
}
