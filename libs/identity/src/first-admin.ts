import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Environment } from '@hotseat/config';
import { User } from './entities/user.entity';
import { UsersService } from './users.service';

export const DEMO_ADMIN_EMAIL = 'admin@hotseat.local';

/**
 * On a database without staff accounts, creates the first admin from HOTSEAT_ADMIN_EMAIL and
 * HOTSEAT_ADMIN_PASSWORD. Without them, on the embedded database (a try-out), it creates a demo admin
 * with a random password printed once; on a PostgreSQL server it only says what to do, so that no
 * password ends up in a production log.
 */
@Injectable()
export class FirstAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('Accounts');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const email = this.config.get('HOTSEAT_ADMIN_EMAIL', { infer: true });
    const password = this.config.get('HOTSEAT_ADMIN_PASSWORD', { infer: true });
    const demo = !email && !this.config.get('DATABASE_URL', { infer: true });
    const outcome = await this.dataSource.transaction(async (manager) => {
      // Several instances may start at once on an empty database: one of them creates the admin.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('hotseat:first-admin'))`);
      if ((await manager.getRepository(User).count()) > 0) return 'accounts exist';
      if (!email && !demo) return 'no admin configured';
      return this.users.create(
        { email: email ?? DEMO_ADMIN_EMAIL, name: 'Administrator', role: 'admin', password },
        manager,
      );
    });
    const url = this.config.get('publicUrl', { infer: true });
    if (outcome === 'accounts exist') {
      if (email) this.logger.log('HOTSEAT_ADMIN_EMAIL is ignored: staff accounts exist already.');
    } else if (outcome === 'no admin configured') {
      this.logger.warn(
        'There are no staff accounts yet. Set HOTSEAT_ADMIN_EMAIL and HOTSEAT_ADMIN_PASSWORD and ' +
          'restart, or run: npm run user:create -- --email you@example.com --name "Your Name" --role admin',
      );
    } else if (!outcome.generatedPassword) {
      this.logger.log(`Created the first admin, ${outcome.user.email}, from HOTSEAT_ADMIN_EMAIL.`);
    } else {
      this.logger.warn(
        `No staff accounts yet, so Hotseat created a demo admin. Log in at ${url} with ` +
          `email ${outcome.user.email} and password ${outcome.generatedPassword} ` +
          `(POST ${url}/api/auth/login), then change the password (POST ${url}/api/auth/password). ` +
          'This password is shown only now.',
      );
    }
  }
}
