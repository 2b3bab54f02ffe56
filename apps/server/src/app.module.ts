import {
  DynamicModule,
  MiddlewareConsumer,
  Module,
  NestModule,
  ValidationPipe,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { LoggerModule } from 'nestjs-pino';
import { Environment, HotseatConfigModule } from '@hotseat/config';
import { DatabaseModule } from '@hotseat/database';
import { FeedbackModule } from '@hotseat/feedback';
import { HiringModule } from '@hotseat/hiring';
import { IdentityModule } from '@hotseat/identity';
import { RoleplayModule } from '@hotseat/roleplay';
import { ScenariosModule } from '@hotseat/scenarios';
import { ScorecardsModule } from '@hotseat/scorecards';
import { entities } from './entities';
import { HealthModule } from './health/health.module';
import { HttpExceptionFilter } from './http-exception.filter';
import { loggingParams } from './logging';
import { PagesModule } from './pages/pages.module';

@Module({})
export class AppModule implements NestModule {
  constructor(private readonly config: ConfigService<Environment, true>) {}

  static forRoot(environment: Environment): DynamicModule {
    return {
      module: AppModule,
      imports: [
        HotseatConfigModule.forRoot(environment),
        LoggerModule.forRoot(loggingParams(environment)),
        DatabaseModule.forRoot({ entities }),
        IdentityModule,
        ScenariosModule,
        HiringModule,
        RoleplayModule,
        FeedbackModule,
        ScorecardsModule,
        PagesModule,
        HealthModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({
            whitelist: true,
            forbidNonWhitelisted: true,
            transform: true,
          }),
        },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // Security headers (CSP, nosniff, frame denial, ...) and the session cookie, for every route.
    // Over plain http (a LAN install), asking browsers to upgrade to https would break every page.
    const https = this.config.get('publicUrl', { infer: true }).startsWith('https://');
    const security = helmet({
      strictTransportSecurity: https,
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: https ? [] : null } },
    });
    consumer.apply(security, cookieParser()).forRoutes('*');
  }
}
