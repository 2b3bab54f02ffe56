import { Logger } from '@nestjs/common';
import { AbstractLogger, type LogLevel, type LogMessage } from 'typeorm';

/** Sends TypeORM's messages through Nest's logger, so they land in the structured log. */
export class TypeOrmNestLogger extends AbstractLogger {
  private readonly logger = new Logger('Database');

  protected writeLog(level: LogLevel, logMessage: LogMessage | LogMessage[]): void {
    for (const { message } of this.prepareLogMessages(logMessage)) {
      if (level === 'error') this.logger.error(String(message));
      else if (level === 'warn') this.logger.warn(String(message));
      else this.logger.log(String(message));
    }
  }
}
