import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { Public } from '@hotseat/identity';
import { DatabaseHealthIndicator } from './database.health';
import { RedisHealthIndicator } from './redis.health';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  /**
   * 200 `{ status: "ok", info }` when the database (and Redis, with REDIS_URL) answer; 200
   * `{ status: "degraded", error: { redis } }` when only Redis does not, since role-plays still work
   * within each instance; 503 naming the reason when the database does not answer.
   */
  @Public()
  @Get()
  async check() {
    const checks = [() => this.database.ping('database')];
    if (this.redis.watching) checks.push(() => this.redis.ping('redis'));
    try {
      return await this.health.check(checks);
    } catch (error) {
      const result = (error as { response?: HealthCheckResult }).response;
      if (result?.details.database?.status === 'up') return { ...result, status: 'degraded' };
      const down = result?.error?.database as { message?: string } | undefined;
      const reason = down?.message ?? 'no answer';
      throw new ServiceUnavailableException(`The database is not answering: ${reason}`);
    }
  }
}
