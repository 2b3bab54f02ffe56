import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { migrations } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { TypeOrmNestLogger } from './typeorm-logger';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityList = MixedList<Function | string | EntitySchema>;

/** Either a server URL or the settings of the embedded database's socket. */
export type DatabaseTarget =
  { url: string } | { host: string; port: number; username: string; database: string };

/** Connections in TypeORM's pool; the embedded server accepts as many. */
export const POOL_SIZE = 10;

/** The one place TypeORM is configured; the app, the CLI scripts and the tests all use it. */
export function dataSourceOptions(target: DatabaseTarget, entities: EntityList): DataSourceOptions {
  return {
    type: 'postgres',
    ...target,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    // The schema belongs to the committed migrations, never to the entities.
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install on either database.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    poolSize: POOL_SIZE,
    applicationName: 'hotseat',
    logging: ['error', 'warn', 'migration'],
    logger: new TypeOrmNestLogger(),
  };
}
