import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DataFolderInUseError extends Error {}

/** Lock files this process holds, so that it does not open one folder twice either. */
const held = new Set<string>();

/**
 * Two processes writing one embedded database corrupt it, so the data folder holds a lock file with
 * the owner's pid. A lock left by a process that no longer runs (a crash, a kill -9) is taken over.
 * Hand-written rather than a lock library because a pid is what lets the message name the owner.
 */
export class DataFolderLock {
  private constructor(private readonly file: string) {}

  static acquire(folder: string): DataFolderLock {
    mkdirSync(folder, { recursive: true });
    const file = join(folder, 'hotseat.lock');
    if (held.has(file)) {
      throw new DataFolderInUseError(`The data folder ${folder} is already open in this process.`);
    }
    // Creating with 'wx' is atomic: of two processes taking over a stale lock, one wins.
    for (let attempt = 0; ; attempt++) {
      try {
        writeFileSync(file, String(process.pid), { flag: 'wx' });
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0)
          throw inUse(folder, file, error);
        const owner = ownerOf(file);
        if (owner !== undefined && owner !== process.pid && isRunning(owner))
          throw inUse(folder, file, error);
        rmSync(file, { force: true });
      }
    }
    held.add(file);
    return new DataFolderLock(file);
  }

  /** Removes the lock file, unless another process has taken it over meanwhile. */
  release(): void {
    held.delete(this.file);
    if (ownerOf(this.file) === process.pid) rmSync(this.file, { force: true });
  }
}

function inUse(folder: string, file: string, cause: unknown): Error {
  const owner = ownerOf(file);
  if ((cause as NodeJS.ErrnoException).code !== 'EEXIST' || owner === undefined)
    return cause as Error;
  return new DataFolderInUseError(
    `The data folder ${folder} is in use by another Hotseat (process ${owner}). ` +
      'Stop that one first, or set HOTSEAT_DATA_DIR to another folder.',
  );
}

function ownerOf(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
