import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { EVENT } from '@hotseat/events';
import { sessionMetrics, type SessionMetrics } from '@hotseat/metrics';
import { EventLog, SessionsService, type Committed, type SessionRow } from '@hotseat/roleplay';
import { HelpCenterService, ScenariosService } from '@hotseat/scenarios';
import { SessionFiguresRepository } from './session-figures.repository';

/** How many ended sessions the start-up check reads at a time; it reports progress after each. */
const BATCH = 200;

/**
 * Computes a session's figures from its log, and keeps those of ended sessions in session_figures,
 * current with METRICS_VERSION, for comparisons to rank in SQL. They are written when a session ends
 * (before its ending is acknowledged) and at start for any that are missing or older; reading a
 * scorecard never writes.
 */
@Injectable()
export class SessionFiguresService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SessionFigures');
  private readonly unsubscribe: () => void;
  /** The start-up check, for tests and tools that wait for it. */
  refreshed: Promise<number> = Promise.resolve(0);

  constructor(
    private readonly figures: SessionFiguresRepository,
    private readonly log: EventLog,
    private readonly sessions: SessionsService,
    private readonly scenarios: ScenariosService,
    private readonly helpCenter: HelpCenterService,
  ) {
    this.unsubscribe = this.log.subscribe((committed) => this.storeIfEnded(committed));
  }

  /** Figures missing at start (after a new METRICS_VERSION, or a crash right after an ending). */
  onApplicationBootstrap(): void {
    this.refreshed = this.refresh().catch((error: unknown) => {
      this.logger.error({ err: error }, 'Could not compute the figures of ended sessions');
      return 0;
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  /** The figures of any session, live or ended, from its log as it is now. */
  async compute(session: { id: string; scenarioVersionId: string }): Promise<SessionMetrics> {
    const scenario = await this.scenarios.version(session.scenarioVersionId);
    const [events, articles] = await Promise.all([
      this.log.since(session.id, 0, null),
      this.helpCenter.texts(scenario.helpCenter.articles),
    ]);
    return sessionMetrics(events, scenario, articles);
  }

  private async storeIfEnded({ sessionId, events, duplicate }: Committed): Promise<void> {
    if (duplicate || !events.some((event) => event.type === EVENT.sessionEnded)) return;
    const [session] = await this.sessions.byIds([sessionId]);
    // Practice never counts: it has no figures to compare.
    if (session.mode === 'practice') return;
    await this.figures.store(scored(session), await this.compute(session));
  }

  /**
   * Stores the figures of every ended session that has none, or has some from an older
   * METRICS_VERSION, a batch at a time. One session that cannot be computed is logged and skipped.
   */
  async refresh(): Promise<number> {
    let done = 0;
    let after: string | null = null;
    for (;;) {
      const ended = await this.sessions.ended(after, BATCH);
      if (ended.length === 0) break;
      after = ended.at(-1)!.id;
      const lacking = await this.figures.lacking(ended.map((session) => session.id));
      for (const session of ended.filter((s) => lacking.has(s.id))) {
        try {
          await this.figures.store(scored(session), await this.compute(session));
          done += 1;
        } catch (error) {
          this.logger.error(
            { err: error, sessionId: session.id },
            "Could not compute a session's figures",
          );
        }
      }
      if (lacking.size > 0)
        this.logger.log(`Computed the figures of ${done} ended sessions so far`);
    }
    if (done > 0) {
      // The figures are stored either way; without fresh statistics comparisons are only slower.
      await this.figures.analyze().catch((error: unknown) => {
        this.logger.warn({ err: error }, 'Could not analyze session_figures');
      });
      this.logger.log(`Computed the figures of ${done} ended sessions`);
    }
    return done;
  }
}

/** A live role-play's row as the figures keep it: it always has a candidate (roleplay_sessions_candidate_check). */
function scored(session: SessionRow): SessionRow & { candidateId: string } {
  return { ...session, candidateId: session.candidateId! };
}
