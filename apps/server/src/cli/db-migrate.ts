import 'reflect-metadata';
import { InvalidEnvironmentError, loadEnvironment } from '@hotseat/config';
import { withDatabase } from '@hotseat/database';
import { entities } from '../entities';
import { describeStartupError } from '../startup-error';

/** `npm run db:migrate`: applies pending migrations to the configured database, then exits. */
async function main(): Promise<void> {
  const applied = await withDatabase(loadEnvironment(process.env), entities, (dataSource) =>
    dataSource.runMigrations({ transaction: 'all' }),
  );
  for (const migration of applied) console.log(`Applied ${migration.name}`);
  console.log(
    applied.length ? `${applied.length} migration(s) applied.` : 'The database is up to date.',
  );
}

main().catch((error: unknown) => {
  const lines =
    error instanceof InvalidEnvironmentError ? error.problems : [describeStartupError(error)];
  for (const line of lines) console.error(`Migration failed: ${line}`);
  process.exit(1);
});
