import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { RoleplayService } from './roleplay.service';
import { SessionsRepository } from './sessions.repository';

/** How often each instance looks for role-plays whose time is up. */
export const TIME_LIMIT_SWEEP_MS = 1000;

/**
 * Ends live role-plays whose scenario time limit has passed, with a `system` event that the log
 * relays like any other. The deadline is in the database, so this survives restarts; with several
 * instances each sweeps, and the session's lock lets only one of them log the end.
 */
@Injectable()
export class TimeLimits implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Roleplay');
  private timer?: NodeJS.Timeout;
  private sweeping = false;

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly roleplay: RoleplayService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), TIME_LIMIT_SWEEP_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      for (const id of await this.sessions.overdue()) await this.roleplay.endAtTimeLimit(id);
    } catch (error) {
      this.logger.error(error, 'Ending role-plays at their time limit failed; will retry');
    } finally {
      this.sweeping = false;
    }
  }
}
