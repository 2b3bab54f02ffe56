import { DynamicModule, Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { Environment, HotseatConfigModule } from '@hotseat/config';
import { DatabaseModule } from '@hotseat/database';
import { entities } from './entities';
import { HealthModule } from './health/health.module';
import { HttpExceptionFilter } from './http-exception.filter';
import { loggingParams } from './logging';

@Module({})
export class AppModule {
  static forRoot(environment: Environment): DynamicModule {
    return {
      module: AppModule,
      imports: [
        HotseatConfigModule.forRoot(environment),
        LoggerModule.forRoot(loggingParams(environment)),
        DatabaseModule.forRoot({ entities }),
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
}
