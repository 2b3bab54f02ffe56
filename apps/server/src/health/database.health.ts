import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';

const PING_TIMEOUT_MS = 2000;

/**
 * Pings the database. Terminus's TypeOrmHealthIndicator drops the driver's error message, and the
 * message ("connect ECONNREFUSED ...", "password authentication failed") is the useful part.
 */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async ping(key: string) {
    const indicator = this.indicators.check(key);
    const timeout = new AbortController();
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        sleep(PING_TIMEOUT_MS, undefined, { signal: timeout.signal }).then(() => {
          throw new Error(`no answer within ${PING_TIMEOUT_MS} ms`);
        }),
      ]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    } finally {
      timeout.abort();
    }
  }
}
