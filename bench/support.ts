/** What every benchmark shares: the check of its arguments, the PostgreSQL server, a throwaway database. */
import { randomBytes } from 'node:crypto';
import { databaseUrl, LOCAL_SERVER_URL, withServer } from '../test/support/test-database';

/** The server of `DATABASE_URL`, or the local one. */
export const SERVER_URL = process.env.DATABASE_URL ?? LOCAL_SERVER_URL;

/** The first admin each benchmark's Hotseat creates at its first start. */
export const BENCH_ADMIN = { email: 'bench@example.com', password: 'a long bench password' };

/** `--name`'s value as a whole number of at least 1; else says so and exits. */
export function positive(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} must be a whole number of at least 1 (got "${text}")`);
    process.exit(2);
  }
  return value;
}

/** A fresh database on SERVER_URL for one run; `drop` removes it, connections and all. */
export async function createBenchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `hotseat_bench_${randomBytes(4).toString('hex')}`;
  await withServer((client) => client.query(`CREATE DATABASE "${name}"`), SERVER_URL);
  return {
    url: databaseUrl(SERVER_URL, name),
    drop: () =>
      withServer(
        (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
        SERVER_URL,
      ).then(() => undefined),
  };
}
