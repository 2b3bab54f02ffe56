import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { serverUrl, TEMPLATE_ENV, withServer } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) return;
  if (serverUrl) {
    await withServer((client) =>
      client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`),
    );
  } else {
    await rm(dirname(template), { recursive: true, force: true });
  }
}
