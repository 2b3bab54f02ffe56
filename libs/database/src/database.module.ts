import { DynamicModule, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions, type EntityList } from './data-source-options';
import { DatabaseRuntime } from './database-runtime';

@Module({ providers: [DatabaseRuntime], exports: [DatabaseRuntime] })
class DatabaseRuntimeModule {}

/**
 * TypeORM on DATABASE_URL or on the embedded database, with the committed migrations applied at start.
 * `entities` is the app's list of every entity, so the app and the migration tools see the same model.
 */
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: DatabaseRuntime,
  ) {}

  static forRoot({ entities }: { entities: EntityList }): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        DatabaseRuntimeModule,
        TypeOrmModule.forRootAsync({
          imports: [DatabaseRuntimeModule],
          inject: [DatabaseRuntime],
          useFactory: async (runtime: DatabaseRuntime) => ({
            ...dataSourceOptions(await runtime.open(), entities),
            migrationsRun: true,
            retryAttempts: 5,
            retryDelay: 1000,
          }),
        }),
      ],
      exports: [DatabaseRuntimeModule],
    };
  }

  // Nest does not order shutdown hooks between modules, so close the pool here before the database
  // behind it; TypeORM's own hook then finds the pool already closed.
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.runtime.stop();
  }
}
