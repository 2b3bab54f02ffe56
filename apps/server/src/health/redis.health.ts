import { Injectable, Logger } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { withinPingTimeout } from './ping-timeout';

/** What relays broadcasts through Redis: HotseatIoAdapter, when REDIS_URL is set. */
export interface RedisRelay {
  pingRedis(): Promise<void>;
}

/**
 * Pings the Redis that relays role-play broadcasts between instances. The relay is created with the
 * app's WebSocket adapter, after the modules, so createApp hands it over (watch); without REDIS_URL
 * there is none and /health leaves Redis out.
 */
@Injectable()
export class RedisHealthIndicator {
  private readonly logger = new Logger('Health');
  private relay?: RedisRelay;

  constructor(private readonly indicators: HealthIndicatorService) {}

  watch(relay: RedisRelay): void {
    this.relay = relay;
  }

  get watching(): boolean {
    return this.relay !== undefined;
  }

  async ping(key: string) {
    const indicator = this.indicators.check(key);
    try {
      await withinPingTimeout(this.relay!.pingRedis());
      return indicator.up();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Redis health check failed: ${message}`);
      const reason =
        message === 'not connected' || message.startsWith('no answer within')
          ? message
          : 'the ping failed (details in the server log)';
      return indicator.down({
        message: `${reason}: role-plays go on, but broadcasts to other instances are lost until Redis is back`,
      });
    }
  }
}
