export { DatabaseModule } from './database.module';
export { dataSourceOptions, type DatabaseTarget, type EntityList } from './data-source-options';
export { EmbeddedPostgres } from './embedded-postgres';
export { DataFolderInUseError } from './data-folder-lock';
export { openDatabase, withDatabase, type OpenedDatabase } from './open-database';
export { migrations } from './migrations';
export { SqlWhere } from './sql-where';
export { isDatabaseUnavailable } from './database-errors';
