import type { Environment } from '@hotseat/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions, type DatabaseTarget, type EntityList } from './data-source-options';
import { EmbeddedPostgres } from './embedded-postgres';

export interface OpenedDatabase {
  target: DatabaseTarget;
  /** Set when Hotseat runs on its embedded database. */
  embedded?: EmbeddedPostgres;
}

/** DATABASE_URL when it is set; otherwise the embedded database in HOTSEAT_DATA_DIR, started here. */
export async function openDatabase(
  environment: Pick<Environment, 'DATABASE_URL' | 'HOTSEAT_DATA_DIR'>,
): Promise<OpenedDatabase> {
  if (environment.DATABASE_URL) return { target: { url: environment.DATABASE_URL } };
  const embedded = await EmbeddedPostgres.start(environment.HOTSEAT_DATA_DIR);
  return { target: embedded.connection, embedded };
}

/**
 * For command-line tools: opens the configured database (starting the embedded one when needed),
 * runs `work` with a connected DataSource, then closes everything, whatever happened.
 */
export async function withDatabase<T>(
  environment: Pick<Environment, 'DATABASE_URL' | 'HOTSEAT_DATA_DIR'>,
  entities: EntityList,
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const database = await openDatabase(environment);
  const dataSource = new DataSource({
    ...dataSourceOptions(database.target, entities),
    logging: ['error'],
  });
  try {
    await dataSource.initialize();
    return await work(dataSource);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.embedded?.stop();
  }
}
