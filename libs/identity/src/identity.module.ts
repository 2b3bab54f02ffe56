import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { CapabilityLinksService } from './capability-links.service';
import { CapabilityLink } from './entities/capability-link.entity';
import { Login } from './entities/login.entity';
import { User } from './entities/user.entity';
import { FailedAttempts } from './failed-attempts';
import { FirstAdmin } from './first-admin';
import { LinksController } from './links.controller';
import { Revocations } from './revocations';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

export const identityEntities = [User, Login, CapabilityLink];

const MINUTE = 60_000;

/**
 * Staff accounts, logins, capability links and access control. Importing it puts AccessGuard in front
 * of every HTTP route: a route is staff-only unless it says otherwise (@Public, @Roles, @Guests).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(identityEntities),
    // Limits password checks (login, password change) per client address, on the routes that use
    // ThrottlerGuard; FailedAttempts adds the per-account lock. Left unnamed so that the answer
    // carries the standard Retry-After header.
    ThrottlerModule.forRoot({
      errorMessage: 'Too many attempts from your network. Wait a few minutes and try again.',
      throttlers: [{ ttl: MINUTE, limit: 20, blockDuration: 5 * MINUTE }],
    }),
  ],
  controllers: [AuthController, UsersController, LinksController],
  providers: [
    AuthService,
    UsersService,
    CapabilityLinksService,
    FailedAttempts,
    Revocations,
    FirstAdmin,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService, CapabilityLinksService, Revocations, UsersService],
})
export class IdentityModule {}
