import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { InvalidEnvironmentError, loadEnvironment } from '@hotseat/config';
import { dataSourceOptions, openDatabase } from '@hotseat/database';
import { entities } from '../entities';
import { describeStartupError } from '../startup-error';

/** `npm run db:migrate`: applies pending migrations to the configured database, then exits. */
async function main(): Promise<void> {
  const environment = loadEnvironment(process.env);
  const database = await openDatabase(environment);
  const dataSource = new DataSource({
    ...dataSourceOptions(database.target, entities),
    logging: ['error'],
  });
  try {
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'all' });
    for (const migration of applied) console.log(`Applied ${migration.name}`);
    console.log(
      applied.length ? `${applied.length} migration(s) applied.` : 'The database is up to date.',
    );
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.embedded?.stop();
  }
}

main().catch((error: unknown) => {
  const lines =
    error instanceof InvalidEnvironmentError ? error.problems : [describeStartupError(error)];
  for (const line of lines) console.error(`Migration failed: ${line}`);
  process.exit(1);
});
