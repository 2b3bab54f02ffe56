import {
  DynamicModule,
  MiddlewareConsumer,
  Module,
  NestModule,
  ValidationPipe,
} from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import cookieParser from 'cookie-parser';
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
import { checkUntrustedInput, parseBody } from './request-input';

@Module({})
export class AppModule implements NestModule {
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
    // The session cookie and the body, for every route, then the input rule every address, body and
    // query must pass (src/request-input.ts). The security headers come before, in createApp.
    consumer.apply(cookieParser(), ...parseBody, checkUntrustedInput).forRoutes('*');
  }
}
