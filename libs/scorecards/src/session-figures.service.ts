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
import { SessionFigures } from './entities/session-figures.entity';

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
         LEFT JOIN session_figures f ON f.session_id = s.id AND f.version = $1
         WHERE s.status = 'ended' AND f.session_id IS NULL
           AND ($2::uuid[] IS NULL OR s.candidate_id = ANY($2::uuid[]))
           AND ($3::uuid[] IS NULL OR s.id = ANY($3::uuid[]))
         LIMIT ${BATCH}`,
        [METRICS_VERSION, candidateIds ?? null, sessionIds ?? null],
      );
      if (stale.length === 0) break;
      for (const session of stale) {
        const figures = await this.compute({
          id: session.id,
          scenarioVersionId: session.scenario_version_id,
        });
        await this.store(session.id, session.candidate_id, session.scenario_id, figures);
      }
      done += stale.length;
      if (stale.length === BATCH)
        this.logger.log(`Computed the figures of ${done} ended sessions so far`);
    }
    if (done > 0) this.logger.log(`Computed the figures of ${done} ended sessions`);
    return done;
  }

  private async store(
    sessionId: string,
    candidateId: string,
    scenarioId: string,
    figures: SessionMetrics,
  ): Promise<void> {
    const checkpoints = figures.checkpoints.hit.length + figures.checkpoints.missed.length;
    await this.dataSource.getRepository(SessionFigures).upsert(
      {
        sessionId,
        candidateId,
        scenarioId,
        version: figures.version,
        figures,
        timeToSolutionMs: figures.timeToSolutionMs,
        firstResponseMs: figures.firstResponseMs,
        medianResponseMs: figures.medianResponseMs,
        timeToCalmMs: figures.deEscalation.timeToCalmMs,
        checkpointsHit: checkpoints === 0 ? 1 : figures.checkpoints.hit.length / checkpoints,
      },
      ['sessionId'],
    );
  }
}
