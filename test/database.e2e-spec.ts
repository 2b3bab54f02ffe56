import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { migrations } from '@hotseat/database';
import { createTestDatabase, databaseKind, type TestDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';

describe(`migrations (${databaseKind} database)`, () => {
  let database: TestDatabase;
  let testApp: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
    testApp = await startTestApp(database.environment);
  });

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

  async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return sql.upQueries.map((query) => query.query);
  }

  it('are all applied at start to an empty database, in order', async () => {
    const dataSource = testApp.app.get(DataSource);
    const applied = await dataSource.query<{ name: string }[]>(
      'SELECT name FROM migrations ORDER BY id',
    );
    expect(applied.map((row) => row.name)).toEqual(migrations.map((migration) => migration.name));
  });

  it('build exactly the schema the entities describe (else: npm run db:generate)', async () => {
    expect(await pendingSchemaChanges(testApp.app.get(DataSource))).toEqual([]);
  });

  it('can all be reverted and applied again', async () => {
    const dataSource = testApp.app.get(DataSource);
    for (let i = 0; i < migrations.length; i++) await dataSource.undoLastMigration();
    expect(await dataSource.query('SELECT count(*)::int AS count FROM migrations')).toEqual([
      { count: 0 },
    ]);
    await dataSource.runMigrations({ transaction: 'all' });
    expect(await pendingSchemaChanges(dataSource)).toEqual([]);
  });
});

describe('the embedded database', () => {
  let folder: string;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'hotseat-embedded-'));
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('keeps its data in HOTSEAT_DATA_DIR across a restart', async () => {
    const variables = { HOTSEAT_DATA_DIR: join(folder, 'data') };
    const first = await startTestApp(variables);
    const written = first.app.get(DataSource);
    await written.query('CREATE TABLE restart_probe (note text NOT NULL)');
    await written.query(`INSERT INTO restart_probe (note) VALUES ('still here')`);
    await first.close();

    const second = await startTestApp(variables);
    try {
      const read = await second.app.get(DataSource).query('SELECT note FROM restart_probe');
      expect(read).toEqual([{ note: 'still here' }]);
    } finally {
      await second.close();
    }
  });
});
