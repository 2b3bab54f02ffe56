import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService } from '@nestjs/terminus';
import { Public } from '@hotseat/identity';
import { DatabaseHealthIndicator } from './database.health';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
  ) {}

  /** 200 `{ status: "ok", info }` when the database answers; 503 naming the reason when it does not. */
  @Public()
  @Get()
  async check() {
    try {
      return await this.health.check([() => this.database.ping('database')]);
    } catch (error) {
      const result = (error as { response?: { error?: { database?: { message?: string } } } })
        .response;
      const reason = result?.error?.database?.message ?? 'no answer';
      throw new ServiceUnavailableException(`The database is not answering: ${reason}`);
    }
  }
}
