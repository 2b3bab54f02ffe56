import { Logger } from '@nestjs/common';
import { AbstractLogger, type LogLevel, type LogMessage } from 'typeorm';

/**
 * Sends TypeORM's messages through Nest's logger, so they land in the structured log. Query
 * parameters are left out: they hold password hashes, token hashes and people's data.
 */
export class TypeOrmNestLogger extends AbstractLogger {
  private readonly logger = new Logger('Database');

  protected writeLog(level: LogLevel, logMessage: LogMessage | LogMessage[]): void {
    const messages = this.prepareLogMessages(logMessage, {
      appendParameterAsComment: false,
      highlightSql: false,
    });
    for (const { prefix, message } of messages) {
      const text = prefix ? `${prefix} ${String(message)}` : String(message);
      if (level === 'error') this.logger.error(text);
      else if (level === 'warn') this.logger.warn(text);
      else this.logger.log(text);
    }
  }
}
