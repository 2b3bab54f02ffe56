import { Injectable, Logger } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { withinPingTimeout } from './ping-timeout';

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
    try {
      await withinPingTimeout(this.dataSource.query('SELECT 1'));
      return indicator.up();
    } catch (error) {
      this.logger.warn(
        `Health check failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return indicator.down({ message: reason(error) });
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
