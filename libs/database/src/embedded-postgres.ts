import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataFolderLock } from './data-folder-lock';
import { POOL_SIZE } from './data-source-options';

const SOCKET_PORT = 5432;

/**
 * PostgreSQL compiled to WebAssembly (PGlite), served on a private Unix socket so that the ordinary
 * `pg` driver, TypeORM and the migrations work exactly as they do against a real server.
 * PGlite runs one query at a time; pglite-socket queues the pool's queries in front of it.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly socketDir: string,
    private readonly lock: DataFolderLock | undefined,
    /** Where the data lives, or undefined when it is kept in memory. */
    readonly dataDir: string | undefined,
  ) {}

  /**
   * Starts on `folder` (created if missing, locked against a second process) or, without a folder,
   * in memory.
   */
  static async start(folder?: string): Promise<EmbeddedPostgres> {
    const lock = folder === undefined ? undefined : DataFolderLock.acquire(resolve(folder));
    const dataDir = folder === undefined ? undefined : join(resolve(folder), 'postgres');
    // A Unix socket in a private temporary folder: nothing else on the machine can connect.
    const socketDir = mkdtempSync(join(tmpdir(), 'hotseat-pg-'));
    try {
      const db = await PGlite.create(dataDir);
      const server = new PGLiteSocketServer({
        db,
        path: join(socketDir, `.s.PGSQL.${SOCKET_PORT}`),
        // Without this the server accepts one connection and the pool fails.
        maxConnections: POOL_SIZE,
      });
      await server.start();
      return new EmbeddedPostgres(db, server, socketDir, lock, dataDir);
    } catch (error) {
      rmSync(socketDir, { recursive: true, force: true });
      lock?.release();
      throw error;
    }
  }

  /** Connection settings for `pg` (a host starting with / is a socket folder). */
  get connection(): { host: string; port: number; username: string; database: string } {
    return { host: this.socketDir, port: SOCKET_PORT, username: 'postgres', database: 'postgres' };
  }

  /** Stops accepting connections, then shuts PostgreSQL down cleanly so everything is on disk. */
  async stop(): Promise<void> {
    await this.server.stop();
    if (!this.db.closed) await this.db.close();
    rmSync(this.socketDir, { recursive: true, force: true });
    this.lock?.release();
  }
}
