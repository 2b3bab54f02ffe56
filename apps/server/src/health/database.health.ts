import { Injectable, Logger } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';

const PING_TIMEOUT_MS = 2000;

/**
 * Pings the database. Terminus's TypeOrmHealthIndicator gives no reason at all; this one gives a short
 * one to the (anonymous) caller and logs the driver's full message, which may name internal hosts.
 */
@Injectable()
export class DatabaseHealthIndicator {
  private readonly logger = new Logger('Health');

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
      this.logger.warn(
        `Health check failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return indicator.down({ message: reason(error) });
    } finally {
      timeout.abort();
    }
  }
}

function reason(error: unknown): string {
  const { code, message = '' } = (error ?? {}) as { code?: string; message?: string };
  if (code === 'ECONNREFUSED' || message.includes('ECONNREFUSED')) return 'connection refused';
  if (/terminated|ECONNRESET|closed/i.test(message)) return 'connection lost';
  if (message.startsWith('no answer within')) return message;
  return 'the query failed (details in the server log)';
}
