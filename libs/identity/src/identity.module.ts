import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { CapabilityLinksService } from './capability-links.service';
import { normalizeEmail } from './email';
import { CapabilityLink } from './entities/capability-link.entity';
import { StaffSession } from './entities/staff-session.entity';
import { User } from './entities/user.entity';
import { FirstAdmin } from './first-admin';
import { LinksController } from './links.controller';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

export const identityEntities = [User, StaffSession, CapabilityLink];

const MINUTE = 60_000;

/**
 * Staff accounts, logins, capability links and access control. Importing it puts AccessGuard in front
 * of every HTTP route: a route is staff-only unless it says otherwise (@Public, @Roles, @Guests).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(identityEntities),
    // Used by the login route only (see AuthController).
    ThrottlerModule.forRoot({
      errorMessage: 'Too many login attempts. Wait a few minutes and try again.',
      throttlers: [
        { name: 'login-per-address', ttl: MINUTE, limit: 20, blockDuration: 5 * MINUTE },
        {
          name: 'login-per-email',
          ttl: 15 * MINUTE,
          limit: 5,
          blockDuration: 15 * MINUTE,
          getTracker: (request: { body?: { email?: unknown }; ip?: string }) =>
            typeof request.body?.email === 'string'
              ? `email:${normalizeEmail(request.body.email)}`
              : `address:${request.ip}`,
        },
      ],
    }),
  ],
  controllers: [AuthController, UsersController, LinksController],
  providers: [
    AuthService,
    UsersService,
    CapabilityLinksService,
    FirstAdmin,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService, CapabilityLinksService],
})
export class IdentityModule {}
