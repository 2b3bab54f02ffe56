// Jest's globalSetup runs outside the module mapper, so resolve the @hotseat/* aliases from tsconfig.
import 'tsconfig-paths/register';
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, EmbeddedPostgres, type DatabaseTarget } from '@hotseat/database';
import { entities } from '../../apps/server/src/entities';
import { databaseUrl, serverUrl, TEMPLATE_ENV, withServer } from './test-database';

/** Migrates one template database (the immich way); each test file then copies it. */
export default async function globalSetup(): Promise<void> {
  if (serverUrl) {
    const name = `hotseat_template_${randomBytes(6).toString('hex')}`;
    await withServer((client) => client.query(`CREATE DATABASE "${name}"`));
    await migrate({ url: databaseUrl(serverUrl, name) });
    process.env[TEMPLATE_ENV] = name;
    return;
  }
  const folder = join(await mkdtemp(join(tmpdir(), 'hotseat-template-')), 'data');
  const embedded = await EmbeddedPostgres.start(folder);
  try {
    await migrate(embedded.connection);
  } finally {
    await embedded.stop();
  }
  process.env[TEMPLATE_ENV] = folder;
}

async function migrate(target: DatabaseTarget): Promise<void> {
  const dataSource = await new DataSource({
    ...dataSourceOptions(target, entities),
    logging: false,
  }).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'all' });
  } finally {
    await dataSource.destroy();
  }
}
