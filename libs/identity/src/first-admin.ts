import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Environment } from '@hotseat/config';
import { User } from './entities/user.entity';
import { UsersService } from './users.service';

export const DEMO_ADMIN_EMAIL = 'admin@hotseat.local';

/**
 * On a database without staff accounts, creates the first admin: from HOTSEAT_ADMIN_EMAIL and
 * HOTSEAT_ADMIN_PASSWORD, or else a demo admin with a random password printed once in the log.
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
    const created = await this.dataSource.transaction(async (manager) => {
      // Several instances may start at once on an empty database: one of them creates the admin.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('hotseat:first-admin'))`);
      if ((await manager.getRepository(User).count()) > 0) return undefined;
      return this.users.create(
        { email: email ?? DEMO_ADMIN_EMAIL, name: 'Administrator', role: 'admin', password },
        manager,
      );
    });
    if (!created) return;
    if (!created.generatedPassword) {
      this.logger.log(`Created the first admin, ${created.user.email}, from HOTSEAT_ADMIN_EMAIL.`);
      return;
    }
    const url = this.config.get('publicUrl', { infer: true });
    this.logger.warn(
      `No staff accounts yet, so Hotseat created a demo admin. Log in at ${url} with ` +
        `email ${created.user.email} and password ${created.generatedPassword} ` +
        `(POST ${url}/api/auth/login), then change the password (POST ${url}/api/auth/password). ` +
        'This password is shown only now. To choose the first admin yourself, start Hotseat on an ' +
        'empty database with HOTSEAT_ADMIN_EMAIL and HOTSEAT_ADMIN_PASSWORD set.',
    );
  }
}
