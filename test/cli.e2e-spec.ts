import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { migrations } from '@hotseat/database';
import { ServerProcess } from './support/server-process';
import { createTestDatabase, databaseKind, type TestDatabase } from './support/test-database';
import { startTestApp } from './support/test-app';

/** The command-line tools, run as built, against a database of their own. */
describe(`command-line tools (${databaseKind} database)`, () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await createTestDatabase({ empty: true });
  });

  afterEach(async () => {
    await database.drop();
  });

  async function run(script: string, args: string[] = []) {
    const tool = ServerProcess.start(database.environment, script, args);
    const { code } = await tool.exited;
    return { code, output: tool.output };
  }

  it('db:migrate applies the migrations to an empty database once', async () => {
    const applied = migrations.map((migration) => `Applied ${migration.name}\n`).join('');
    expect(await run('cli/db-migrate.js')).toEqual({
      code: 0,
      output: `${applied}${migrations.length} migration(s) applied.\n`,
    });
    expect(await run('cli/db-migrate.js')).toEqual({
      code: 0,
      output: 'The database is up to date.\n',
    });
  });

  it('user:create adds an account that can log in, with a generated password shown once', async () => {
    const created = await run('cli/user-create.js', [
      '--email',
      'Mia@Example.com',
      '--name',
      'Mia Wong',
      '--role',
      'manager',
    ]);
    expect(created.code).toBe(0);
    expect(created.output).toMatch(
      /^Created manager Mia Wong <mia@example.com>\.\nPassword \(shown only now\): [A-Za-z0-9_-]{16}\n$/,
    );
    const password = /: (\S+)\n$/.exec(created.output)![1];

    const again = await run('cli/user-create.js', [
      '--email',
      'mia@example.com',
      '--name',
      'Mia',
      '--role',
      'admin',
    ]);
    expect(again).toEqual({
      code: 1,
      output:
        'Could not create the account: A staff account with the email mia@example.com already exists.\n',
    });

    const testApp = await startTestApp(database.environment);
    try {
      const login = await request(testApp.url)
        .post('/api/auth/login')
        .send({ email: 'mia@example.com', password })
        .expect(200);
      expect(login.body.user).toMatchObject({ name: 'Mia Wong', role: 'manager' });
    } finally {
      await testApp.close();
    }
  });

  it('user:create names every bad flag and creates nothing', async () => {
    const refused = await run('cli/user-create.js', [
      '--email',
      'nope',
      '--role',
      'boss',
      '--password',
      'short',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.output.split('\n')).toEqual(
      expect.arrayContaining([
        '--email must be an email address',
        '--name must be 1 to 100 characters long',
        '--role must be one of admin, manager, interviewer',
        '--password must be at least 10 characters long',
      ]),
    );
    // Nothing was written: the database is still empty, so every migration is still pending.
    expect(await run('cli/db-migrate.js')).toMatchObject({
      output: expect.stringContaining(`${migrations.length} migration(s) applied`),
    });
  });

  it('scenarios:check passes the shipped scenarios and reports every problem of broken files', async () => {
    const clean = await run('cli/scenarios-check.js', ['scenarios']);
    expect(clean.code).toBe(0);
    expect(clean.output).toMatch(/^All \d+ file\(s\) are valid\.\n$/);

    const broken = await run('cli/scenarios-check.js', ['test/fixtures/broken-scenarios']);
    expect(broken.code).toBe(1);
    const expected = readFileSync(
      join(__dirname, 'fixtures/broken-scenarios/expected-diagnostics.txt'),
      'utf8',
    )
      .trim()
      .split('\n')
      .map((line) =>
        `test/fixtures/broken-scenarios/${line}`.replace(
          /used by help-center/,
          'used by test/fixtures/broken-scenarios/help-center',
        ),
      );
    const lines = broken.output.trim().split('\n');
    expect(lines.filter((line) => line.startsWith('test/')).sort()).toEqual(expected.sort());
    expect(lines).toContain(`${expected.length} problem(s) found; 2 file(s) are valid.`);

    const one = await run('cli/scenarios-check.js', [
      'test/fixtures/broken-scenarios/wrong-types.yaml',
    ]);
    expect(one.code).toBe(1);
    expect(one.output).toContain(
      'test/fixtures/broken-scenarios/wrong-types.yaml:6:19: timeLimitMinutes: must be a whole number from 5 to 120 (got 2)',
    );
    expect(one.output).not.toContain('bad-templates.yaml');
  });
});
