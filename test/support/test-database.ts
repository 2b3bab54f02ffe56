import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * End-to-end tests run on a real PostgreSQL server when DATABASE_URL is set (CI sets it), and on the
 * embedded database otherwise. Either way every test file gets a database of its own, copied from a
 * template that global-setup migrated once, and dropped afterwards.
 */
export const serverUrl = process.env.DATABASE_URL || undefined;
export const databaseKind: 'server' | 'embedded' = serverUrl ? 'server' : 'embedded';

/** Set by global-setup: a migrated template database (server) or data folder (embedded). */
export const TEMPLATE_ENV = 'HOTSEAT_TEST_TEMPLATE';

export interface TestDatabase {
  /** The variables that point Hotseat at this database. */
  environment: { DATABASE_URL?: string; HOTSEAT_DATA_DIR: string };
  /** A URL any `pg` client can use; for the embedded database only while an app has it open. */
  url?: string;
  drop(): Promise<void>;
}

/** The local server CI always runs, for tests that need one even in an embedded-database run. */
export const LOCAL_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A fresh database with every migration applied, or with nothing at all when `empty`.
 * `onServer`: on a PostgreSQL server even in an embedded run, for tests of several app processes
 * sharing one database (which the embedded database cannot be); it starts empty, so the first app
 * to start migrates it.
 */
export async function createTestDatabase({
  empty = false,
  onServer = false,
} = {}): Promise<TestDatabase> {
  const scratch = await mkdtemp(join(tmpdir(), 'hotseat-test-'));
  const template = process.env[TEMPLATE_ENV];
  if (!template && !empty) throw new Error('global-setup did not prepare a template database');
  const server = serverUrl ?? (onServer ? LOCAL_SERVER_URL : undefined);
  const fromTemplate = !empty && !!serverUrl;

  if (!server) {
    const dataDir = join(scratch, 'data');
    if (!empty) await cp(template!, dataDir, { recursive: true });
    return {
      environment: { HOTSEAT_DATA_DIR: dataDir },
      drop: () => rm(scratch, { recursive: true, force: true }),
    };
  }

  const name = `hotseat_test_${randomBytes(6).toString('hex')}`;
  await withServer(
    (client) =>
      client.query(`CREATE DATABASE "${name}"${fromTemplate ? ` TEMPLATE "${template}"` : ''}`),
    server,
  );
  const url = databaseUrl(server, name);
  return {
    environment: { DATABASE_URL: url, HOTSEAT_DATA_DIR: join(scratch, 'data') },
    url,
    drop: async () => {
      await withServer(
        (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
        server,
      );
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

export function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withServer<T>(
  work: (client: Client) => Promise<T>,
  connectionString = serverUrl,
): Promise<T> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
