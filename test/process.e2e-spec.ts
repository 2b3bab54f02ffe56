import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, ServerProcess } from './support/server-process';

/** The built server in its own process, started and stopped the way an operator does it. */
describe('the Hotseat process', () => {
  let folder: string;
  const running: ServerProcess[] = [];

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'hotseat-process-'));
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.stop('SIGKILL')));
    await rm(folder, { recursive: true, force: true });
  });

  function start(variables: Record<string, string>): ServerProcess {
    const server = ServerProcess.start(variables);
    running.push(server);
    return server;
  }

  it('starts on an empty data folder, stops cleanly on SIGTERM and starts again on the same data', async () => {
    const dataDir = join(folder, 'data');
    const port = await freePort();
    const first = start({ HOTSEAT_DATA_DIR: dataDir, PORT: String(port) });
    await first.waitFor(`Open http://localhost:${port} in your browser.`);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    expect(existsSync(join(dataDir, 'hotseat.lock'))).toBe(true);

    // With no staff accounts and no HOTSEAT_ADMIN_*, a demo admin with a random password is printed.
    const demo = /email admin@hotseat\.local and password ([A-Za-z0-9_-]{16})/.exec(first.output);
    expect(demo).not.toBeNull();
    const login = () =>
      fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@hotseat.local', password: demo![1] }),
      });
    expect((await login()).status).toBe(200);

    const stopped = await first.stop('SIGTERM');
    expect(stopped.signal ?? stopped.code).toBe('SIGTERM');
    expect(first.output).toContain('Embedded database flushed and closed');
    expect(existsSync(join(dataDir, 'hotseat.lock'))).toBe(false);

    const second = start({ HOTSEAT_DATA_DIR: dataDir, PORT: String(port) });
    await second.waitFor('Hotseat is running.');
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    // The account made on the first start is still there, and no second demo admin was made.
    expect((await login()).status).toBe(200);
    expect(second.output).not.toContain('demo admin');
  });

  it('refuses a data folder that another running Hotseat holds, and names that process', async () => {
    const dataDir = join(folder, 'data');
    const ownerPort = await freePort();
    const owner = start({ HOTSEAT_DATA_DIR: dataDir, PORT: String(ownerPort) });
    await owner.waitFor('Hotseat is running.');

    const intruder = start({ HOTSEAT_DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(await intruder.exited).toEqual({ code: 1, signal: null });
    expect(intruder.output).toContain(
      `Hotseat cannot start: The data folder ${dataDir} is in use by another Hotseat (process ${owner.pid}).`,
    );
    expect((await fetch(`http://127.0.0.1:${ownerPort}/health`)).status).toBe(200);
  });

  it('stops with one line naming the variable when a value is bad', async () => {
    const server = start({ HOTSEAT_DATA_DIR: join(folder, 'data'), PORT: 'abc' });
    expect(await server.exited).toEqual({ code: 1, signal: null });
    expect(server.output).toBe(
      'Hotseat cannot start: PORT must be a whole number from 1 to 65535 (got "abc").\n',
    );
    expect(existsSync(join(folder, 'data'))).toBe(false);
  });

  it('does not print a bad DATABASE_URL back, since it may hold a password', async () => {
    const server = start({ DATABASE_URL: 'mysql://root:s3cret@db/hotseat' });
    expect(await server.exited).toEqual({ code: 1, signal: null });
    expect(server.output).toBe(
      'Hotseat cannot start: DATABASE_URL must be a postgres:// URL such as postgres://user:password@host:5432/hotseat.\n',
    );
  });

  it('says what to check when the database server does not answer', async () => {
    const server = start({
      DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/hotseat`,
    });
    expect(await server.exited).toEqual({ code: 1, signal: null });
    expect(server.output).toMatch(
      /^Hotseat cannot start: the database server does not answer \(.*ECONNREFUSED.*\)\. Check DATABASE_URL, or unset it to use the embedded database\.\n$/,
    );
  });
});
