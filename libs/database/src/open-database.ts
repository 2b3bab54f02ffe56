import type { Environment } from '@hotseat/config';
import type { DatabaseTarget } from './data-source-options';
import { EmbeddedPostgres } from './embedded-postgres';

export interface OpenedDatabase {
  target: DatabaseTarget;
  /** Set when Hotseat runs on its embedded database. */
  embedded?: EmbeddedPostgres;
}

/** DATABASE_URL when it is set; otherwise the embedded database in HOTSEAT_DATA_DIR, started here. */
export async function openDatabase(
  environment: Pick<Environment, 'DATABASE_URL' | 'HOTSEAT_DATA_DIR'>,
): Promise<OpenedDatabase> {
  if (environment.DATABASE_URL) return { target: { url: environment.DATABASE_URL } };
  const embedded = await EmbeddedPostgres.start(environment.HOTSEAT_DATA_DIR);
  return { target: embedded.connection, embedded };
}
