import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions, EmbeddedPostgres } from '@hotseat/database';
import { entities } from '../entities';

/**
 * For `npm run db:generate`: the TypeORM CLI diffs the entities against a throwaway in-memory database
 * that holds every committed migration, so a new migration contains exactly what the entities add.
 */
async function scratchDataSource(): Promise<DataSource> {
  const embedded = await EmbeddedPostgres.start();
  const options = dataSourceOptions(embedded.connection, entities);
  const migrator = await new DataSource(options).initialize();
  await migrator.runMigrations({ transaction: 'all' });
  await migrator.destroy();
  return new DataSource(options);
}

export default scratchDataSource();
