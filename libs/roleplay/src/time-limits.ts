import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RoleplayGateway } from './roleplay.gateway';
import { RoleplayService } from './roleplay.service';

/** How often each instance looks for role-plays whose time is up. */
export const TIME_LIMIT_SWEEP_MS = 1000;

/**
 * Ends live role-plays whose scenario time limit has passed, with a `system` event. The deadline is
 * in the database, so this survives restarts; with several instances each sweeps, and the session's
 * lock lets only one of them log the end.
 */
@Injectable()
export class TimeLimits implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Roleplay');
  private timer?: NodeJS.Timeout;
  private sweeping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly roleplay: RoleplayService,
    private readonly gateway: RoleplayGateway,
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
      const due = await this.dataSource.query<Array<{ id: string }>>(
        `SELECT id FROM roleplay_sessions WHERE status = 'live' AND ends_at <= clock_timestamp()`,
      );
      for (const { id } of due) {
        const { events } = await this.roleplay.endAtTimeLimit(id);
        this.gateway.publish(id, events);
      }
    } catch (error) {
      this.logger.error(error, 'Ending role-plays at their time limit failed; will retry');
    } finally {
      this.sweeping = false;
    }
  }
}
