import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@hotseat/config';
import type { DatabaseTarget } from './data-source-options';
import type { EmbeddedPostgres } from './embedded-postgres';
import { openDatabase } from './open-database';

/** Owns the embedded database when Hotseat runs on one, so that shutdown can flush it. */
@Injectable()
export class DatabaseRuntime {
  private readonly logger = new Logger('Database');
  private embedded: EmbeddedPostgres | undefined;

  constructor(private readonly config: ConfigService<Environment, true>) {}

  async open(): Promise<DatabaseTarget> {
    const opened = await openDatabase({
      DATABASE_URL: this.config.get('DATABASE_URL', { infer: true }),
      HOTSEAT_DATA_DIR: this.config.get('HOTSEAT_DATA_DIR', { infer: true }),
    });
    this.embedded = opened.embedded;
    this.logger.log(
      this.embedded
        ? `Using the embedded database in ${this.embedded.dataDir}`
        : 'Using the PostgreSQL server at DATABASE_URL',
    );
    return opened.target;
  }

  /** Flushes and closes the embedded database; call after the connection pool is closed. */
  async stop(): Promise<void> {
    if (!this.embedded) return;
    await this.embedded.stop();
    this.embedded = undefined;
    this.logger.log('Embedded database flushed and closed');
  }
}
