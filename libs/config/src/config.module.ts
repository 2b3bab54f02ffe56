import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Environment } from './environment';

/**
 * Makes the validated Environment available through ConfigService everywhere.
 * The environment is validated before Nest starts (see loadEnvironment), so a bad value stops the
 * process with a one-line message instead of a framework stack trace, and tests can pass their own.
 */
@Module({})
export class HotseatConfigModule {
  static forRoot(environment: Environment): DynamicModule {
    return {
      module: HotseatConfigModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          ignoreEnvVars: true,
          skipProcessEnv: true,
          load: [() => ({ ...environment, publicUrl: environment.publicUrl })],
        }),
      ],
    };
  }
}
