import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ScenariosService } from '@hotseat/scenarios';
import { createStaff, staffToken } from './support/factories';
import { freePort, ServerProcess } from './support/server-process';
import { createTestDatabase, databaseKind, type TestDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';

const SHIPPED = join(__dirname, '../scenarios');
const BROKEN = join(__dirname, 'fixtures/broken-scenarios/wrong-types.yaml');

/** Loading scenarios/ at start, on a copy of the shipped folder that each test may change. */
describe(`scenarios at start (${databaseKind} database)`, () => {
  let database: TestDatabase;
  let folder: string;
  let testApp: TestApp | undefined;

  beforeEach(async () => {
    database = await createTestDatabase();
    folder = join(await mkdtemp(join(tmpdir(), 'hotseat-scenarios-')), 'scenarios');
    await cp(SHIPPED, folder, { recursive: true });
  });

  afterEach(async () => {
    await testApp?.close();
    testApp = undefined;
    await database.drop();
    await rm(join(folder, '..'), { recursive: true, force: true });
  });

  async function start() {
    await testApp?.close();
    testApp = await startTestApp({ ...database.environment, HOTSEAT_SCENARIOS_DIR: folder });
    const token = await staffToken(testApp.app, await createStaff(testApp.app, 'interviewer'));
    const get = (path: string) => request(testApp!.url).get(path).auth(token, { type: 'bearer' });
    return { app: testApp.app, get };
  }

  it('lists every valid scenario, and an invalid file with its errors, without loading any of it', async () => {
    await cp(BROKEN, join(folder, 'wrong-types.yaml'));
    const { get } = await start();
    const list = (await get('/api/scenarios').expect(200)).body as Array<Record<string, unknown>>;
    expect(list).toContainEqual({
      id: 'charged-ten-times',
      title: 'Charged ten times for one concert ticket',
      product: 'tixly',
      difficulty: 'medium',
      version: expect.stringMatching(/^[0-9a-f]{12}$/),
      valid: true,
    });
    const invalid = list.find((item) => item.valid === false);
    expect(invalid).toMatchObject({
      valid: false,
      file: expect.stringMatching(/wrong-types\.yaml$/),
    });
    expect(invalid!.errors).toContainEqual({
      line: 5,
      column: 13,
      path: 'difficulty',
      message: 'must be one of easy, medium, hard (got "impossible")',
    });
    await get('/api/scenarios/wrong-types').expect(404);
  });

  it('serves a whole scenario to staff', async () => {
    const { get } = await start();
    const scenario = (await get('/api/scenarios/charged-ten-times').expect(200)).body;
    expect(scenario).toMatchObject({
      id: 'charged-ten-times',
      persona: { name: 'Dana Whitfield', initialAnger: 8, calmAt: 3 },
      solution: {
        checkpoints: expect.arrayContaining([
          expect.objectContaining({ id: 'refund-nine', required: true }),
        ]),
      },
      helpCenter: { articles: expect.arrayContaining(['refund-timing']) },
      rubric: expect.arrayContaining([expect.objectContaining({ id: 'de-escalation' })]),
    });
    await get('/api/scenarios/no-such-scenario').expect(404);
  });

  it('keeps every version it loaded, so an edited scenario still explains old sessions', async () => {
    const file = join(folder, 'charged-ten-times.yaml');
    const original = await readFile(file, 'utf8');
    const first = await start();
    const before = first.app.get(ScenariosService).get('charged-ten-times');

    await writeFile(file, `# only a comment changed\n${original}`);
    const second = await start();
    expect(second.app.get(ScenariosService).get('charged-ten-times').versionId).toBe(
      before.versionId,
    );

    await writeFile(file, original.replace('TEN charges.', 'TEN separate charges.'));
    const third = await start();
    const after = third.app.get(ScenariosService).get('charged-ten-times');
    expect(after.versionId).not.toBe(before.versionId);
    expect(after.definition.firstLine).toContain('TEN separate charges.');
    const old = await third.app.get(ScenariosService).version(before.versionId);
    expect(old.firstLine).toContain('TEN charges.');
    expect(old.firstLine).not.toContain('separate');
    const versions = await third.app
      .get(DataSource)
      .query(`SELECT hash FROM scenario_versions WHERE scenario_id = 'charged-ten-times'`);
    expect(versions).toHaveLength(2);
  });

  it('makes the help center match the folder: an article removed from it is no longer found', async () => {
    const first = await start();
    await first.get('/api/help-center/articles/transfer-tickets').expect(200);
    await unlink(join(folder, 'help-center/tixly/transfer-tickets.md'));
    const second = await start();
    await second.get('/api/help-center/articles/transfer-tickets').expect(404);
    const results = (
      await second
        .get('/api/help-center/search?q=transfer%20ticket%20friend&product=tixly')
        .expect(200)
    ).body;
    expect(results.map((result: { articleId: string }) => result.articleId)).not.toContain(
      'transfer-tickets',
    );
  });

  it('starts with an invalid file, and says loudly in the log which file and why', async () => {
    await cp(BROKEN, join(folder, 'wrong-types.yaml'));
    const server = ServerProcess.start({
      ...database.environment,
      HOTSEAT_SCENARIOS_DIR: folder,
      PORT: String(await freePort()),
    });
    try {
      await server.waitFor('Hotseat is running.');
      expect(server.output).toMatch(
        /"level":50.*wrong-types\.yaml was NOT loaded; fix these and restart/,
      );
      expect(server.output).toContain(
        'wrong-types.yaml:5:13: difficulty: must be one of easy, medium, hard',
      );
      expect(server.output).toMatch(
        /Loaded \d+ scenario\(s\) and \d+ help-center article\(s\) .*; 1 file\(s\) skipped as invalid/,
      );
    } finally {
      await server.stop();
    }
  });
});
